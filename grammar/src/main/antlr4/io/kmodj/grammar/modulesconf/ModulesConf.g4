/*
 * The modutils modules.conf dialect (modutils 2.4 util/config.c; modules.conf(5)).
 *
 * modutils assembles logical lines before it looks at a directive: it cuts every
 * physical line at its first '#' (quotes do not protect it), strips trailing
 * blanks, and joins a line ending in a single backslash with the next one (an
 * escaped "\\" at the end is one backslash and no join). That step is done by
 * LogicalLines, in Java, because it works on characters the way the C reader does
 * (the blanks of a continued line shrink to one space, or to none); this grammar
 * reads the logical lines it produces, one per '\n', with no comments left.
 *
 * A line starts in the default mode, where the head is read as config.c reads it:
 * an optional 'add' prefix (three letters, no word boundary), then a keyword that
 * ends at a blank or at '='. The keyword's token type is chosen from its text
 * (keywordType / assignmentType below), so 'addoptions' is OPTIONS and 'paths=' is
 * PATH, as in modutils. After a command keyword the rest of the line is words
 * (the ARGS part: blanks separate them, quotes and backquotes hold blanks); after an
 * assignment it is one raw value (the VALUE part). Anything else is a bad line,
 * caught by the badLine alternative: the parser never fails, and the AST builder
 * words the diagnostic as modutils does ("Invalid line N in FILE").
 *
 * Conditionals are flat lines here (if, elseif, else, endif); the AST builder nests
 * them with an explicit stack, so depth costs no Java stack. The expression after
 * if/elseif is a list of words that the builder reads left to right as config.c does
 * ('!' drops the whole first word, '-k', '-f', '-n' are two-character prefix tests,
 * the right operand of a comparison is the whole rest).
 */
grammar ModulesConf;

tokens {
  ALIAS, OPTIONS, INSTALL, PRE_INSTALL, POST_INSTALL, REMOVE, PRE_REMOVE, POST_REMOVE,
  PROBE, PROBEALL, ABOVE, BELOW, PRUNE, DEFINE, INCLUDE, KEEP,
  IF, ELSEIF, ELSE, ENDIF,
  PATH, SETTING, UNKNOWN, UNKNOWN_ASSIGN
}

@lexer::members {
  private static final int HEAD = 0;
  private static final int ARGS_PART = 1;
  private static final int VALUE_PART = 2;

  /** Which shape of text the next token belongs to. */
  private int part = HEAD;

  /* The token types named in tokens{} exist only in the parser class of a combined grammar. */

  /** The token type of a command keyword (no '='), an 'add' prefix allowed. */
  static int keywordType(String text) {
    int type = commandType(text);
    if (type == ModulesConfParser.UNKNOWN && text.startsWith("add")) {
      type = commandType(text.substring(3));
    }
    return type;
  }

  private static int commandType(String word) {
    switch (word) {
      case "alias": return ModulesConfParser.ALIAS;
      case "options": return ModulesConfParser.OPTIONS;
      case "install": return ModulesConfParser.INSTALL;
      case "pre-install": return ModulesConfParser.PRE_INSTALL;
      case "post-install": return ModulesConfParser.POST_INSTALL;
      case "remove": return ModulesConfParser.REMOVE;
      case "pre-remove": return ModulesConfParser.PRE_REMOVE;
      case "post-remove": return ModulesConfParser.POST_REMOVE;
      case "probe": return ModulesConfParser.PROBE;
      case "probeall": return ModulesConfParser.PROBEALL;
      case "above": return ModulesConfParser.ABOVE;
      case "below": return ModulesConfParser.BELOW;
      case "prune": return ModulesConfParser.PRUNE;
      case "define": return ModulesConfParser.DEFINE;
      case "include": return ModulesConfParser.INCLUDE;
      case "keep": return ModulesConfParser.KEEP;
      case "if": return ModulesConfParser.IF;
      case "elseif": return ModulesConfParser.ELSEIF;
      case "else": return ModulesConfParser.ELSE;
      case "endif": return ModulesConfParser.ENDIF;
      default: return ModulesConfParser.UNKNOWN;
    }
  }

  /** The token type of an assignment keyword, '=' included; an 'add' prefix allowed. */
  static int assignmentType(String text) {
    int type = settingType(text);
    if (type == ModulesConfParser.UNKNOWN_ASSIGN && text.startsWith("add")) {
      type = settingType(text.substring(3));
    }
    return type;
  }

  private static int settingType(String word) {
    // config.c tests 'path' as a prefix: paths=, path[net]= and path[net= all count
    if (word.startsWith("path")) {
      return ModulesConfParser.PATH;
    }
    switch (word) {
      case "if=": return ModulesConfParser.IF;
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
        return ModulesConfParser.SETTING;
      default:
        return ModulesConfParser.UNKNOWN_ASSIGN;
    }
  }
}

file
    : line* EOF
    ;

line
    : WS? NL                                   # blankLine
    | WS? ADD WS? NL                           # addOnlyLine
    | WS? (ADD WS?)? directive WS? NL          # directiveLine
    | WS? (ADD WS?)? badLine NL                # invalidLine
    ;

directive
    : ALIAS (WS args)?                                   # aliasDirective
    | OPTIONS (WS args)?                                 # optionsDirective
    | hookKeyword (WS args)?                             # hookDirective
    | listKeyword (WS args)?                             # listDirective
    | PRUNE (WS args)?                                   # pruneDirective
    | DEFINE (WS args)?                                  # defineDirective
    | INCLUDE (WS args)?                                 # includeDirective
    | KEEP (WS args)?                                    # keepDirective
    | IF (WS? args)?                                     # ifDirective
    | ELSEIF (WS args)?                                  # elseifDirective
    | ELSE (WS args)?                                    # elseDirective
    | ENDIF (WS args)?                                   # endifDirective
    | PATH VALUE?                                        # pathDirective
    | SETTING VALUE?                                     # settingDirective
    ;

hookKeyword
    : INSTALL | PRE_INSTALL | POST_INSTALL | REMOVE | PRE_REMOVE | POST_REMOVE
    ;

listKeyword
    : PROBE | PROBEALL | ABOVE | BELOW
    ;

/* Blank-separated words; the builder decides which are names and which the rest. */
args
    : word (WS word)*
    ;

/* Pieces written side by side form one word: a"b c"d is a single word. */
word
    : (TEXT | SQUOTED | DQUOTED | BQUOTED)+
    ;

/* An unknown keyword (or a known one in the wrong form) and whatever follows it. */
badLine
    : (UNKNOWN | UNKNOWN_ASSIGN | ADD) (~NL)*
    ;

// ---------------------------------------------------------------- tokens
// One lexer reads three shapes of text; 'part' says which (a combined grammar has
// no lexer modes): the head of a line, the words after a command keyword, or the
// raw value after an assignment keyword.

NL        : '\n' { part = HEAD; } ;
/* The value, leading blanks included (the builder drops them, as config.c does). */
VALUE     : {part == VALUE_PART}? ~[\n]+ ;
WS        : BLANK+ ;
ADD       : {part == HEAD}? 'add' ;
ASSIGNMENT
    : {part == HEAD}? HEADCHAR* '='
      {
        int type = assignmentType(getText());
        setType(type);
        part = type == ModulesConfParser.IF ? ARGS_PART : VALUE_PART;
      }
    ;
KEYWORD
    : {part == HEAD}? HEADCHAR+ { setType(keywordType(getText())); part = ARGS_PART; }
    ;
/* A quote runs to the same quote; a backslash before that quote does not close it.
   An unclosed quote runs to the end of the line, which the builder reports. */
SQUOTED   : {part == ARGS_PART}? '\'' ( '\\\'' | ~['\n] )* '\''? ;
DQUOTED   : {part == ARGS_PART}? '"' ( '\\"' | ~["\n] )* '"'? ;
BQUOTED   : {part == ARGS_PART}? '`' ( '\\`' | ~[`\n] )* '`'? ;
TEXT      : {part == ARGS_PART}? ~[ \t\r\f\u000B\n'"`]+ ;

fragment BLANK    : [ \t\r\f\u000B] ;
fragment HEADCHAR : ~[ \t\r\f\u000B\n=] ;
