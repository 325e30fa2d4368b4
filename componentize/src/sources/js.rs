//! One JS module checked as the engine will see it: it must parse as an ES module and pass
//! the early-error rules; out of it come its import specifiers and the globals it reads.

use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    ExportAllDeclaration, ExportFromDeclaration, Expression, ImportDeclaration, ImportExpression, StringLiteral,
};
use oxc_ast_visit::{Visit, walk};
use oxc_parser::Parser;
use oxc_semantic::{Scoping, SemanticBuilder};
use oxc_span::SourceType;

use super::SourceError;

/// What a module needs from outside itself.
pub(super) struct Analysis {
    /// Every static import and export-from, and every dynamic `import()` of a string, in
    /// source order.
    pub imports: Vec<Import>,
    /// Names read but declared in no scope of the module.
    pub globals: Vec<String>,
}

pub(super) struct Import {
    pub specifier: String,
    /// Byte offset of the specifier's string literal.
    pub offset: usize,
}

/// Parses `text` as an ES module; `file` names it in errors.
pub(super) fn analyze(file: &Path, text: &str) -> Result<Analysis, SourceError> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, SourceType::mjs()).parse();
    if parsed.diagnostics.has_errors() {
        return Err(SourceError::syntax(file, text, parsed.diagnostics.errors()));
    }
    let built = SemanticBuilder::new().with_check_syntax_error(true).build(&parsed.program);
    if built.diagnostics.has_errors() {
        return Err(SourceError::syntax(file, text, built.diagnostics.errors()));
    }
    let mut imports = ImportCollector(Vec::new());
    imports.visit_program(&parsed.program);
    Ok(Analysis { imports: imports.0, globals: free_globals(built.semantic.scoping()) })
}

/// The unresolved references, less `arguments` inside a non-arrow function (oxc leaves it
/// unresolved there, though every such function binds it).
fn free_globals(scoping: &Scoping) -> Vec<String> {
    let binds_arguments = |reference| {
        let scope = scoping.get_reference(reference).scope_id();
        scoping.scope_ancestors(scope).any(|scope| {
            let flags = scoping.scope_flags(scope);
            flags.is_function() && !flags.is_arrow()
        })
    };
    scoping
        .root_unresolved_references()
        .iter()
        .filter(|(name, references)| name.as_str() != "arguments" || !references.iter().all(|&r| binds_arguments(r)))
        .map(|(name, _)| name.to_string())
        .collect()
}

struct ImportCollector(Vec<Import>);

impl ImportCollector {
    fn push(&mut self, source: &StringLiteral) {
        self.0.push(Import { specifier: source.value.to_string(), offset: source.span.start as usize });
    }
}

impl<'a> Visit<'a> for ImportCollector {
    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        self.push(&it.source);
    }

    fn visit_export_from_declaration(&mut self, it: &ExportFromDeclaration<'a>) {
        self.push(&it.source);
    }

    fn visit_export_all_declaration(&mut self, it: &ExportAllDeclaration<'a>) {
        self.push(&it.source);
    }

    fn visit_import_expression(&mut self, it: &ImportExpression<'a>) {
        match &it.source {
            Expression::StringLiteral(source) => self.push(source),
            Expression::TemplateLiteral(template) if template.expressions.is_empty() => {
                if let Some(quasi) = template.quasis.first().and_then(|quasi| quasi.value.cooked.as_ref()) {
                    self.0.push(Import { specifier: quasi.to_string(), offset: template.span.start as usize });
                }
            }
            _ => {}
        }
        walk::walk_import_expression(self, it);
    }
}
