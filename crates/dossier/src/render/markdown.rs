use crate::model::Dossier;
pub fn render_markdown(_d: &Dossier) -> String { String::new() }
