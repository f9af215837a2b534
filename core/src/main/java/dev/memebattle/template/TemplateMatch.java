package dev.memebattle.template;

/**
 * One suggestion from {@link TemplateCatalog#search}.
 *
 * @param score       how well the query matched, higher is better: 1.0 exact, 0.8 prefix, 0.6 prefix of a
 *                    later word, 0.4 substring, 0.05..0.15 typo-tolerant; 0.0 for the default listing
 * @param matchedName the key, name, alias or keyword that matched, as written (for "did you mean ...")
 */
public record TemplateMatch(MemeTemplate template, double score, String matchedName) {
}
