/*
 * The modutils modules.conf dialect (modutils 2.4 util/config.c; modules.conf(5)).
 *
 * modutils assembles logical lines before it looks at a directive: it cuts every
 * physical line at its first '#' (quotes do not protect it), strips trailing
 * blanks, and joins a line ending in a single backslash with the next one (an
 * escaped "\\" at the end is one backslash and no join). That step is done by
 * LogicalLines, in Java, because it works on characters the way the C reader does
 * (the blanks of a continued line shrink to one space, or to none); this grammar
 * reads the logical lines it produces, one per '\n', with no comments left. The
 * tokens (ModulesConfLexer) tell the head of a line from its words or its value.
 *
 * A line is a directive, or anything else: a bad line, caught by the badLine
 * alternative, so the parser never fails and the AST builder words the diagnostic
 * as modutils does ("Invalid line N in FILE"). The builder asks for one line at a
 * time, so no parse tree of a whole file is ever held.
 *
 * Conditionals are flat lines here (if, elseif, else, endif); the AST builder nests
 * them with an explicit stack, so depth costs no Java stack. The expression after
 * if/elseif is a list of words that the builder reads left to right as config.c does
 * ('!' drops the whole first word, '-k', '-f', '-n' are two-character prefix tests,
 * the right operand of a comparison is the whole rest).
 */
parser grammar ModulesConfParser;

options { tokenVocab = ModulesConfLexer; }

@members {
  /*
   * The words after the keyword of the directive last read, as character offsets of
   * the logical text: word i is [words[2i], words[2i+1]). Pieces written side by side
   * form one word (a"b c"d is a single word); a blank between two pieces separates
   * words. Blanks are not tokens, so the pieces are grouped by their offsets. Reused
   * from line to line: a line's words are read before the next line is parsed.
   */
  int[] words = new int[16];
  int wordCount;

  private void piece(Token t) {
    int start = t.getStartIndex();
    int end = t.getStopIndex() + 1;
    if (wordCount > 0 && words[2 * wordCount - 1] == start) {
      words[2 * wordCount - 1] = end;
      return;
    }
    if (2 * wordCount + 2 > words.length) {
      words = java.util.Arrays.copyOf(words, words.length * 2);
    }
    words[2 * wordCount] = start;
    words[2 * wordCount + 1] = end;
    wordCount++;
  }
}

file
    : line* EOF
    ;

/* Blanks are not tokens (the builder reads verbatim text from character offsets). */
/*
 * Fields, not the tree: the builder reads each line through these labels, so the
 * parser builds no parse tree (no child lists, no terminal nodes). The alternatives
 * carry no '#' labels: a labelled alternative makes a second context per line (ANTLR
 * copies the rule's context into the alternative's), so the builder tells the four
 * apart by which labels are set. The words of a directive never become a list: each
 * piece goes into the parser's word buffer as it is matched.
 */
line
    : nl=NL
    | add=ADD nl=NL
    | add=ADD? body=directive nl=NL
    | add=ADD? bad=badLine nl=NL
    ;

/* The head token says which directive it is; the builder switches on its type. */
directive
@init { wordCount = 0; }
    : ( ALIAS | OPTIONS
      | INSTALL | PRE_INSTALL | POST_INSTALL | REMOVE | PRE_REMOVE | POST_REMOVE
      | PROBE | PROBEALL | ABOVE | BELOW
      | PRUNE | DEFINE | INCLUDE | KEEP | IF | ELSEIF | ELSE | ENDIF
      ) ( piece=( TEXT | SQUOTED | DQUOTED | BQUOTED ) { piece($piece); } )*
    | ( PATH | SETTING ) value=VALUE?
    ;

/* An unknown keyword (or a known one in the wrong form) and whatever follows it. */
badLine
    : (UNKNOWN | UNKNOWN_ASSIGN | ADD) (~NL)*
    ;
