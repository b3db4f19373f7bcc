/*
 * Tokens of the kmod modprobe.d dialect. Modes track where a logical line is:
 * only its first column may start a comment, and only its first word (after
 * optional blanks) may be a directive keyword; everywhere else keywords and
 * '#' are plain words. Modes, not predicates, so the lexer's DFA is cached.
 * A word is one token: the lexer's longest match never lets two meet.
 */
lexer grammar ModprobeDLexer;

// ---- at the first column of a logical line (default mode)

/*
 * kmod joins continued lines and drops each escaping backslash before it looks at
 * the '#', so a comment can continue, and an escaped '#' starts one too.
 */
COMMENT   : '\\'? '#' ( ~[\n\\] | '\\' . )* '\\'? ;
NL        : '\n' ;
/* continuations alone keep the next character in the first column */
START_CONT : ( '\\' '\n' )+ -> skip ;
START_WS  : ( '\\' '\n' )* '\\'? [ \t] ( [ \t] | '\\' [\n \t] )* -> skip, mode(LEAD) ;
ALIAS     : 'alias' -> mode(INLINE) ;
OPTIONS   : 'options' -> mode(INLINE) ;
INSTALL   : 'install' -> mode(INLINE) ;
REMOVE    : 'remove' -> mode(INLINE) ;
BLACKLIST : 'blacklist' -> mode(INLINE) ;
SOFTDEP   : 'softdep' -> mode(INLINE) ;
WEAKDEP   : 'weakdep' -> mode(INLINE) ;
INCLUDE   : 'include' -> mode(INLINE) ;
CONFIG    : 'config' -> mode(INLINE) ;
/*
 * Any other run of characters. A backslash before anything but a newline is
 * dropped by kmod and the character after it kept; the AST builder does that.
 * kmod splits the line into words after that, so an escaped blank separates
 * words as a blank does. A backslash-newline inside a word joins its halves.
 * (A first word that spells a keyword only once unescaped is retyped by
 * ModprobeDSyntax's lexer.)
 */
WORD      : WORD_CHAR+ ( ( '\\' '\n' )+ WORD_CHAR+ )* -> mode(INLINE) ;

fragment WORD_CHAR : ~[ \t\n\\] | '\\' ~[\n \t] ;

// ---- after leading blanks: the first word may still be a keyword, '#' is text
mode LEAD;

LEAD_NL        : '\n' -> type(NL), mode(DEFAULT_MODE) ;
LEAD_WS        : ( [ \t] | '\\' [\n \t] )+ -> skip ;
LEAD_ALIAS     : 'alias' -> type(ALIAS), mode(INLINE) ;
LEAD_OPTIONS   : 'options' -> type(OPTIONS), mode(INLINE) ;
LEAD_INSTALL   : 'install' -> type(INSTALL), mode(INLINE) ;
LEAD_REMOVE    : 'remove' -> type(REMOVE), mode(INLINE) ;
LEAD_BLACKLIST : 'blacklist' -> type(BLACKLIST), mode(INLINE) ;
LEAD_SOFTDEP   : 'softdep' -> type(SOFTDEP), mode(INLINE) ;
LEAD_WEAKDEP   : 'weakdep' -> type(WEAKDEP), mode(INLINE) ;
LEAD_INCLUDE   : 'include' -> type(INCLUDE), mode(INLINE) ;
LEAD_CONFIG    : 'config' -> type(CONFIG), mode(INLINE) ;
LEAD_WORD      : WORD_CHAR+ ( ( '\\' '\n' )+ WORD_CHAR+ )* -> type(WORD), mode(INLINE) ;

// ---- the rest of the line: blanks and words
mode INLINE;

INLINE_NL   : '\n' -> type(NL), mode(DEFAULT_MODE) ;
/*
 * Blanks, escaped blanks, and a backslash before a newline that joins the next
 * line, separate words; the parser does not need them (the AST builder reads the text between
 * words from the character offsets), so they are not tokens at all: half as
 * many tokens on a typical file.
 */
WS          : ( [ \t] | '\\' [\n \t] )+ -> skip ;
INLINE_WORD : WORD_CHAR+ ( ( '\\' '\n' )+ WORD_CHAR+ )* -> type(WORD) ;
