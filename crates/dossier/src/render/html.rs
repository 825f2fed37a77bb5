use crate::model::Dossier;
pub fn render_html(_d: &Dossier) -> String { String::new() }
pub fn render_html_many(_d: &[Dossier]) -> String { String::new() }
