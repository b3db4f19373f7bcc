/*
 * The kmod modprobe.d dialect (man 5 modprobe.d; kmod 30 libkmod-config.c).
 *
 * kmod reads a file line by line: a backslash before a newline joins the next
 * physical line, a line whose first character is '#' is a comment, and the
 * first blank-separated word names the directive. Each directive takes a fixed
 * number of words; options, install, remove and softdep keep the rest of the
 * line verbatim. Anything that does not fit is "a bad line", which kmod logs
 * and skips: here the last alternative catches it, so the parser itself
 * never fails and the AST builder words the diagnostic as kmod does.
 */
parser grammar ModprobeDParser;

options { tokenVocab = ModprobeDLexer; }

file
    : line* EOF
    ;

/*
 * One rule, one context object a line: no parse tree, no labelled alternatives
 * (each would be a second object), no sub-rules. The builder reads the labels:
 * head is the directive keyword, name and module its fixed words, first and last
 * the first and last word of the rest of the line (the builder takes its text
 * verbatim from the character offsets), bad the first word of a bad line; a line
 * with neither head nor bad is blank or a comment. A word as kmod's strtok sees it:
 * keywords are words too after the first, written as a token set each time.
 * The lowest alternative wins where two match, so a directive is never a bad line.
 */
line
    : comment=COMMENT? nl=NL
    | head=ALIAS name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) module=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) (first=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) (last=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG))*)? nl=NL
    | head=OPTIONS name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) first=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) (last=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG))* nl=NL
    | head=INSTALL name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) first=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) (last=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG))* nl=NL
    | head=REMOVE name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) first=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) (last=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG))* nl=NL
    | head=BLACKLIST name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) (first=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) (last=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG))*)? nl=NL
    | head=SOFTDEP name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) first=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) (last=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG))* nl=NL
    | head=WEAKDEP name=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) (first=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) (last=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG))*)? nl=NL
    | head=(INCLUDE | CONFIG) (first=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) (last=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG))*)? nl=NL
    | bad=(WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG) (WORD | ALIAS | OPTIONS | INSTALL | REMOVE | BLACKLIST | SOFTDEP | WEAKDEP | INCLUDE | CONFIG)* nl=NL
    ;
