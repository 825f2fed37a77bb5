//! Language analysis: entities with name variants, quantities, quotes, and time expressions.
