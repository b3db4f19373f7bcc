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
    : COMMENT? NL            # blankLine
    | directive NL           # directiveLine
    | badLine NL             # invalidLine
    ;

directive
    : ALIAS word word rest?         # aliasDirective
    | OPTIONS word rest             # optionsDirective
    | INSTALL word rest             # installDirective
    | REMOVE word rest              # removeDirective
    | BLACKLIST word rest?          # blacklistDirective
    | SOFTDEP word rest             # softdepDirective
    | WEAKDEP word rest?            # weakdepDirective
    | (INCLUDE | CONFIG) rest?      # deprecatedDirective
    ;

/* A word as kmod's strtok sees it: keywords are words too after the first. */
word
    : WORD | keyword
    ;

/* The words up to the end of the line; the builder takes the text verbatim. */
rest
    : word+
    ;

badLine
    : word+
    ;

keyword
    : ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG
    ;
