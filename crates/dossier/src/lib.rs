//! Cross-source consolidation: entities, timeline, claims, corroboration, disagreements, cited summary, renderers.
