/*
 * Tokens of the modutils modules.conf dialect, read from the logical lines that
 * LogicalLines assembles (comments cut, continued lines joined, one line per '\n').
 *
 * A line starts in the default mode, where the head is read as config.c reads it:
 * an optional 'add' prefix (three letters, no word boundary), then a keyword that
 * ends at a blank or at '='. The keyword's token type is chosen from its text
 * (keywordType / assignmentType below), so 'addoptions' is OPTIONS and 'paths=' is
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
  /** The token type of a command keyword (no '='), an 'add' prefix allowed. */
  static int keywordType(String text) {
    int type = commandType(text);
    if (type == UNKNOWN && text.startsWith("add")) {
      type = commandType(text.substring(3));
    }
    return type;
  }

  private static int commandType(String word) {
    switch (word) {
      case "alias": return ALIAS;
      case "options": return OPTIONS;
      case "install": return INSTALL;
      case "pre-install": return PRE_INSTALL;
      case "post-install": return POST_INSTALL;
      case "remove": return REMOVE;
      case "pre-remove": return PRE_REMOVE;
      case "post-remove": return POST_REMOVE;
      case "probe": return PROBE;
      case "probeall": return PROBEALL;
      case "above": return ABOVE;
      case "below": return BELOW;
      case "prune": return PRUNE;
      case "define": return DEFINE;
      case "include": return INCLUDE;
      case "keep": return KEEP;
      case "if": return IF;
      case "elseif": return ELSEIF;
      case "else": return ELSE;
      case "endif": return ENDIF;
      default: return UNKNOWN;
    }
  }

  /** The token type of an assignment keyword, '=' included; an 'add' prefix allowed. */
  static int assignmentType(String text) {
    int type = settingType(text);
    if (type == UNKNOWN_ASSIGN && text.startsWith("add")) {
      type = settingType(text.substring(3));
    }
    return type;
  }

  private static int settingType(String word) {
    // config.c tests 'path' as a prefix: paths=, path[net]= and path[net= all count
    if (word.startsWith("path")) {
      return PATH;
    }
    switch (word) {
      case "if=": return IF;
      case "depfile=":
      case "insmod_opt=":
      case "persistdir=":
      case "generic_stringfile=":
      case "pcimapfile=":
      case "isapnpmapfile=":
      case "usbmapfile=":
      case "parportmapfile=":
      case "ieee1394mapfile=":
      case "pnpbiosmapfile=":
        return SETTING;
      default:
        return UNKNOWN_ASSIGN;
    }
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
        int type = assignmentType(getText());
        setType(type);
        mode(type == IF ? ARGS_PART : VALUE_PART);
      }
    ;
KEYWORD
    : HEADCHAR+ { setType(keywordType(getText())); mode(ARGS_PART); }
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
