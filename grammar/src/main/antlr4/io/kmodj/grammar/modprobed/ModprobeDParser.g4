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

line
    : WS? COMMENT? NL        # blankLine
    | WS? directive WS? NL   # directiveLine
    | WS? badLine NL         # invalidLine
    ;

directive
    : ALIAS WS word WS word (WS rest)?       # aliasDirective
    | OPTIONS WS word WS rest                # optionsDirective
    | INSTALL WS word WS rest                # installDirective
    | REMOVE WS word WS rest                 # removeDirective
    | BLACKLIST WS word (WS rest)?           # blacklistDirective
    | SOFTDEP WS word WS rest                # softdepDirective
    | WEAKDEP WS word (WS rest)?             # weakdepDirective
    | (INCLUDE | CONFIG) (WS rest)?          # deprecatedDirective
    ;

/* A word as kmod's strtok sees it: keywords are words too after the first. */
word
    : (WORD | keyword)+
    ;

/* Everything up to the end of the line, blanks included. */
rest
    : (WORD | keyword | WS)+
    ;

badLine
    : (WORD | keyword) (WORD | keyword | WS)*
    ;

keyword
    : ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG
    ;
