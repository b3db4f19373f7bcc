/**
 * Semantic checks of a configuration against its module tree: findings with a rule, a severity, a
 * place, a message and a hint, beside the syntax diagnostics of the grammar.
 */
package io.kmodj.engine.check;
