/*
 * Tokens of the modutils modules.conf dialect, read from the logical lines that
 * LogicalLines assembles (comments cut, continued lines joined, one line per '\n').
 *
 * A line starts in the default mode, where the head is read as config.c reads it:
 * an optional 'add' prefix (three letters, no word boundary), then a keyword that
 * ends at a blank or at '='. The keyword's token type is chosen from its text
 * (keywordType / assignmentType below, read in place), so 'addoptions' is OPTIONS and 'paths=' is
 * PATH, as in modutils. After a command keyword the rest of the line is words
 * (mode ARGS_PART: blanks separate them, quotes and backquotes hold blanks); after
 * an assignment it is one raw value (mode VALUE_PART). Modes, not predicates, so the
 * lexer's DFA is cached: a predicate on a path keeps ANTLR from caching its states,
 * which made lexing about ten times slower.
 */
lexer grammar ModulesConfLexer;

tokens {
  ALIAS, OPTIONS, INSTALL, PRE_INSTALL, POST_INSTALL, REMOVE, PRE_REMOVE, POST_REMOVE,
  PROBE, PROBEALL, ABOVE, BELOW, PRUNE, DEFINE, INCLUDE, KEEP,
  IF, ELSEIF, ELSE, ENDIF,
  PATH, SETTING, UNKNOWN, UNKNOWN_ASSIGN
}

@members {
  /*
   * The head's type is read from the characters in place: getText() would copy the
   * head of every line into a String only to switch on it.
   */
  private static final String[] COMMANDS = {
    "alias", "options", "install", "pre-install", "post-install", "remove", "pre-remove",
    "post-remove", "probe", "probeall", "above", "below", "prune", "define", "include",
    "keep", "if", "elseif", "else", "endif"
  };

  private static final int[] COMMAND_TYPES = {
    ALIAS, OPTIONS, INSTALL, PRE_INSTALL, POST_INSTALL, REMOVE, PRE_REMOVE,
    POST_REMOVE, PROBE, PROBEALL, ABOVE, BELOW, PRUNE, DEFINE, INCLUDE,
    KEEP, IF, ELSEIF, ELSE, ENDIF
  };

  /** The assignments that are settings ('if=' and 'path...=' aside). */
  private static final String[] SETTINGS = {
    "depfile=", "insmod_opt=", "persistdir=", "generic_stringfile=", "pcimapfile=",
    "isapnpmapfile=", "usbmapfile=", "parportmapfile=", "ieee1394mapfile=",
    "pnpbiosmapfile="
  };

  /** Character {@code p} of the token being read (the input stands just past it). */
  private int charAt(int p) {
    return _input.LA(p - _input.index());
  }

  /** Whether the token's characters {@code [from, end)} start with {@code word}. */
  private boolean startsWith(String word, int from, int end) {
    if (end - from < word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (charAt(from + i) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the token's characters {@code [from, end)} are {@code word}. */
  private boolean reads(String word, int from, int end) {
    return end - from == word.length() && startsWith(word, from, end);
  }

  /** The token type of the command keyword just read (no '='), an 'add' prefix allowed. */
  private int keywordType() {
    int start = _tokenStartCharIndex;
    int end = _input.index();
    int type = commandType(start, end);
    if (type == UNKNOWN && startsWith("add", start, end)) {
      type = commandType(start + 3, end);
    }
    return type;
  }

  private int commandType(int from, int end) {
    for (int i = 0; i < COMMANDS.length; i++) {
      if (reads(COMMANDS[i], from, end)) {
        return COMMAND_TYPES[i];
      }
    }
    return UNKNOWN;
  }

  /** The token type of the assignment keyword just read, '=' included; 'add' allowed. */
  private int assignmentType() {
    int start = _tokenStartCharIndex;
    int end = _input.index();
    int type = settingType(start, end);
    if (type == UNKNOWN_ASSIGN && startsWith("add", start, end)) {
      type = settingType(start + 3, end);
    }
    return type;
  }

  private int settingType(int from, int end) {
    // config.c tests 'path' as a prefix: paths=, path[net]= and path[net= all count
    if (startsWith("path", from, end)) {
      return PATH;
    }
    if (reads("if=", from, end)) {
      return IF;
    }
    for (String setting : SETTINGS) {
      if (reads(setting, from, end)) {
        return SETTING;
      }
    }
    return UNKNOWN_ASSIGN;
  }
}

// ---- the head of a line (default mode)

NL        : '\n' ;
/* Blanks separate; the parser does not need them, so they are not tokens at all. */
WS        : BLANK+ -> skip ;
ADD       : 'add' ;
/* 'if=' reads words after it, as 'if' does; every other assignment one raw value. */
ASSIGNMENT
    : HEADCHAR* '='
      {
        int type = assignmentType();
        setType(type);
        mode(type == IF ? ARGS_PART : VALUE_PART);
      }
    ;
KEYWORD
    : HEADCHAR+ { setType(keywordType()); mode(ARGS_PART); }
    ;

// ---- the words after a command keyword
mode ARGS_PART;

ARGS_NL   : '\n' -> type(NL), mode(DEFAULT_MODE) ;
ARGS_WS   : BLANK+ -> skip ;
/* A quote runs to the same quote; a backslash before that quote does not close it.
   An unclosed quote runs to the end of the line, which the builder reports. */
SQUOTED   : '\'' ( '\\\'' | ~['\n] )* '\''? ;
DQUOTED   : '"' ( '\\"' | ~["\n] )* '"'? ;
BQUOTED   : '`' ( '\\`' | ~[`\n] )* '`'? ;
TEXT      : ~[ \t\r\f\u000B\n'"`]+ ;

// ---- the raw value after an assignment keyword
mode VALUE_PART;

VALUE_NL  : '\n' -> type(NL), mode(DEFAULT_MODE) ;
/* The value, leading blanks included (the builder drops them, as config.c does). */
VALUE     : ~[\n]+ ;

fragment BLANK    : [ \t\r\f\u000B] ;
fragment HEADCHAR : ~[ \t\r\f\u000B\n=] ;
