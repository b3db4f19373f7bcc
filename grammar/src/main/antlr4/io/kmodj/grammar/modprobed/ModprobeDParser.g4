/*
 * The kmod modprobe.d dialect (man 5 modprobe.d; kmod 30 libkmod-config.c).
 *
 * kmod reads a file line by line: a backslash before a newline joins the next
 * physical line, a line whose first character is '#' is a comment, and the
 * first blank-separated word names the directive. Each directive takes a fixed
 * number of words; options, install, remove and softdep keep the rest of the
 * line verbatim. Anything that does not fit is "a bad line", which kmod logs
 * and skips: here the badLine alternative catches it, so the parser itself
 * never fails and the AST builder words the diagnostic as kmod does.
 */
parser grammar ModprobeDParser;

options { tokenVocab = ModprobeDLexer; }

file
    : line* EOF
    ;

/*
 * Labels, not the tree: the builder reads each line through these fields, so the
 * parser builds no parse tree (no child lists, no terminal nodes).
 */
line
    : comment=COMMENT? nl=NL      # blankLine
    | body=directive nl=NL        # directiveLine
    | bad=badLine nl=NL           # invalidLine
    ;

/*
 * A word as kmod's strtok sees it: keywords are words too after the first.
 * Written as a token set, not a rule, so a word costs no parse-tree node.
 */
directive
    : ALIAS name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) module=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) words=rest?   # aliasDirective
    | OPTIONS name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) words=rest             # optionsDirective
    | INSTALL name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) words=rest             # installDirective
    | REMOVE name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) words=rest              # removeDirective
    | BLACKLIST name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) words=rest?          # blacklistDirective
    | SOFTDEP name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) words=rest             # softdepDirective
    | WEAKDEP name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) words=rest?            # weakdepDirective
    | (INCLUDE | CONFIG) words=rest?          # deprecatedDirective
    ;

/* The words up to the end of the line; the builder takes the text verbatim. */
rest
    : (WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG)+
    ;

badLine
    : (WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG)+
    ;
