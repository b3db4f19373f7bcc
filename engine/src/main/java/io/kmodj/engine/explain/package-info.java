/**
 * Explanations: why a name loads what it loads. {@link io.kmodj.engine.explain.KmodExplainer}
 * follows kmod's lookup source by source ({@link
 * io.kmodj.engine.plan.ModprobeContext#lookup(String, java.util.List)}), {@link
 * io.kmodj.engine.explain.ModutilsExplainer} modutils' alias chains; both give an {@link
 * io.kmodj.engine.explain.Explanation}: the lookup, the plan with the reason for each step (byte
 * for byte what {@code modprobe --show-depends} or modutils' {@code -n -v} prints), and every
 * configuration line that concerns the name or its plan, applied or not and why. {@link
 * io.kmodj.engine.explain.ExplanationWriter} words it for people or as JSON
 * (docs/schema/explain.schema.json).
 */
package io.kmodj.engine.explain;
