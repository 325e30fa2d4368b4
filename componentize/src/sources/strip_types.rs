//! TypeScript to JavaScript by blanking: every character of type-only syntax becomes a space
//! (line breaks stay), so each line and column of the output is the input's and the engine's
//! stack traces point at the user's own code. This is the strip-only mode of Node's type
//! stripping and of `ts-blank-space`; syntax that would need code generated (`enum`, a
//! namespace with values, a parameter property, `import x = require()`, a decorator) is
//! refused rather than compiled.
//!
//! Imports follow `verbatimModuleSyntax`: `import type` goes, `import { type A } from './a'`
//! stays as `import {        } from './a'`, so `./a` is still loaded.
//!
//! Blanking can join two statements the type had kept apart (a line starting with `(` or `[`
//! after a blanked `as T`, a blanked member, a blanked statement); a `;` is written where that
//! can happen, as ts-blank-space does.

use std::collections::HashMap;
use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_ast_visit::{Visit, walk};
use oxc_parser::Parser;
use oxc_span::{GetSpan, SourceType, Span};

use super::scan::{next_token, words};
use super::{Location, SourceError};

/// `text` (a TypeScript module) with its types blanked; `file` names it in errors.
pub(super) fn strip_types(file: &Path, text: &str) -> Result<String, SourceError> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, SourceType::ts().with_module(true)).parse();
    if parsed.diagnostics.has_errors() {
        return Err(SourceError::syntax(file, text, parsed.diagnostics.errors()));
    }
    let mut blanker = Blanker { text, blanks: Vec::new(), marks: HashMap::new(), refused: None };
    blanker.visit_program(&parsed.program);
    if let Some((offset, construct)) = blanker.refused {
        return Err(SourceError::UnsupportedTypeScript { at: Location::at(file, text, offset as usize), construct });
    }
    Ok(blanker.write())
}

/// What becomes of a statement.
enum Erasure {
    /// JS, perhaps with types inside.
    Keep,
    /// Types only: blanked whole.
    Blank,
    /// Needs code generated: refused, with the construct's offset and name.
    Refuse(u32, &'static str),
}

fn statement_erasure(statement: &Statement) -> Erasure {
    match statement {
        Statement::ImportDeclaration(import) if import.import_kind.is_type() => Erasure::Blank,
        Statement::ExportNamedDeclaration(export) if export.export_kind.is_type() => Erasure::Blank,
        Statement::ExportFromDeclaration(export) if export.export_kind.is_type() => Erasure::Blank,
        Statement::ExportAllDeclaration(export) if export.export_kind.is_type() => Erasure::Blank,
        Statement::ExportDeclaration(export) => declaration_erasure(&export.declaration),
        Statement::ExportDefaultDeclaration(export) => match &export.declaration {
            ExportDefaultDeclarationKind::TSInterfaceDeclaration(_) => Erasure::Blank,
            ExportDefaultDeclarationKind::FunctionDeclaration(function) if function.body.is_none() => Erasure::Blank,
            _ => Erasure::Keep,
        },
        Statement::TSExportAssignment(export) => Erasure::Refuse(export.span.start, "`export =`"),
        Statement::TSNamespaceExportDeclaration(_) => Erasure::Blank,
        _ => statement.as_declaration().map_or(Erasure::Keep, declaration_erasure),
    }
}

fn declaration_erasure(declaration: &Declaration) -> Erasure {
    match declaration {
        Declaration::VariableDeclaration(variables) if variables.declare => Erasure::Blank,
        // Overload signatures, and `declare function`.
        Declaration::FunctionDeclaration(function) if function.declare || function.body.is_none() => Erasure::Blank,
        Declaration::ClassDeclaration(class) if class.declare => Erasure::Blank,
        Declaration::TSTypeAliasDeclaration(_)
        | Declaration::TSInterfaceDeclaration(_)
        | Declaration::TSExternalModuleDeclaration(_)
        | Declaration::TSGlobalDeclaration(_) => Erasure::Blank,
        Declaration::TSEnumDeclaration(e) if e.declare => Erasure::Blank,
        Declaration::TSEnumDeclaration(e) => {
            Erasure::Refuse(e.span.start, if e.r#const { "const enum" } else { "enum" })
        }
        Declaration::TSNamespaceDeclaration(namespace) if is_type_only_namespace(namespace) => Erasure::Blank,
        Declaration::TSNamespaceDeclaration(namespace) => {
            let construct = match namespace.kind {
                TSNamespaceDeclarationKind::Namespace => "namespace with values",
                TSNamespaceDeclarationKind::Module => "module with values",
            };
            Erasure::Refuse(namespace.span.start, construct)
        }
        Declaration::TSImportEqualsDeclaration(import) if import.import_kind.is_type() => Erasure::Blank,
        Declaration::TSImportEqualsDeclaration(import) => Erasure::Refuse(import.span.start, "`import =` declaration"),
        _ => Erasure::Keep,
    }
}

/// `declare namespace`, or one holding only types (TypeScript emits nothing for it).
fn is_type_only_namespace(namespace: &TSNamespaceDeclaration) -> bool {
    namespace.declare
        || match &namespace.body {
            TSNamespaceDeclarationBody::TSNamespaceDeclaration(inner) => is_type_only_namespace(inner),
            TSNamespaceDeclarationBody::TSModuleBlock(block) => {
                block.body.iter().all(|statement| matches!(statement_erasure(statement), Erasure::Blank))
            }
        }
}

/// A class member with no runtime part: an index signature, an overload or abstract
/// method, a `declare` or abstract field.
fn is_type_only_member(element: &ClassElement) -> bool {
    match element {
        ClassElement::TSIndexSignature(_) => true,
        ClassElement::MethodDefinition(method) => {
            method.r#type == MethodDefinitionType::TSAbstractMethodDefinition || method.value.body.is_none()
        }
        ClassElement::PropertyDefinition(property) => {
            property.declare || property.r#type == PropertyDefinitionType::TSAbstractPropertyDefinition
        }
        ClassElement::AccessorProperty(accessor) => accessor.r#type == AccessorPropertyType::TSAbstractAccessorProperty,
        ClassElement::StaticBlock(_) => false,
    }
}

/// Modifiers TypeScript allows before a class member's key that JS does not have.
const MEMBER_MODIFIERS: [&str; 7] = ["public", "private", "protected", "readonly", "abstract", "override", "declare"];

/// Collects what to blank, then writes the output in one pass.
struct Blanker<'s> {
    text: &'s str,
    blanks: Vec<Span>,
    /// Characters written in place of a blanked one: a `;` against ASI, a moved `)`.
    marks: HashMap<u32, char>,
    /// The first construct that needs code generated.
    refused: Option<(u32, &'static str)>,
}

impl Blanker<'_> {
    fn blank(&mut self, start: u32, end: u32) {
        if start < end {
            self.blanks.push(Span::new(start, end));
        }
    }

    /// Blanks a whole statement or class member, leaving a `;` in its place: a blank would
    /// let the line before run on into the line after (`a` then `(b)` calls `a`).
    fn blank_with_semicolon(&mut self, span: Span) {
        self.blank(span.start, span.end);
        self.marks.insert(span.start, ';');
    }

    fn refuse(&mut self, offset: u32, construct: &'static str) {
        self.refused.get_or_insert((offset, construct));
    }

    /// Blanks the token after `from` if it is `mark` (the `?` of `x?: T`, the `!` of
    /// `x!: T`), looking past the `]` of a computed key.
    fn blank_mark_after(&mut self, from: u32, computed: bool, mark: u8) {
        let mut token = next_token(self.text, from as usize);
        if computed && matches!(token, Some((_, b']'))) {
            token = token.and_then(|(at, _)| next_token(self.text, at + 1));
        }
        if let Some((at, byte)) = token
            && byte == mark
        {
            self.blank(at as u32, at as u32 + 1);
        }
    }

    /// Blanks the `,` after a blanked item of a list (`this: T,`, `type A,`), if there is one.
    fn blank_comma_after(&mut self, end: u32) {
        if let Some((at, b',')) = next_token(self.text, end as usize) {
            self.blank(at as u32, at as u32 + 1);
        }
    }

    /// The offset of the last character before `end`.
    fn last_char_start(&self, end: u32) -> Option<u32> {
        let before = self.text.get(..end as usize)?;
        before.char_indices().next_back().map(|(at, _)| at as u32)
    }

    /// Blanks a member's TypeScript modifiers (`private`, `readonly`, ...). When one starts
    /// the member, it becomes a `;`: `x = 1` then `private [k] = 2` must not read `1[k]`.
    fn blank_member_modifiers(&mut self, start: u32, key: &PropertyKey) {
        let found = words(self.text, start as usize, key.span().start as usize);
        for (i, (at, word)) in found.into_iter().enumerate() {
            if MEMBER_MODIFIERS.contains(&word) {
                let (at, end) = (at as u32, (at + word.len()) as u32);
                self.blank(at, end);
                if i == 0 {
                    self.marks.insert(at, ';');
                }
            }
        }
    }

    /// Blanks the ` as T` / ` satisfies T` after `expression`. TypeScript ends the statement
    /// there if the next line starts with `(`, `[` or `` ` ``; JS would not, so a `;` goes in.
    fn blank_type_suffix(&mut self, expression: &Expression, span: Span) {
        self.blank(expression.span().end, span.end);
        if matches!(next_token(self.text, span.end as usize), Some((_, b'(' | b'[' | b'`')))
            && let Some(last) = self.last_char_start(span.end)
        {
            self.marks.insert(last, ';');
        }
    }

    fn write(self) -> String {
        let mut blanked = vec![false; self.text.len()];
        for span in &self.blanks {
            let end = (span.end as usize).min(blanked.len());
            if let Some(range) = blanked.get_mut(span.start as usize..end) {
                range.fill(true);
            }
        }
        let mut out = String::with_capacity(self.text.len());
        for (at, c) in self.text.char_indices() {
            let mark = self.marks.get(&(at as u32)).filter(|_| blanked[at]);
            if let Some(&mark) = mark {
                out.push(mark);
                out.extend(std::iter::repeat_n(' ', c.len_utf16() - 1));
            } else if blanked[at] && !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                // One space per UTF-16 unit: JS engines count columns in those.
                out.extend(std::iter::repeat_n(' ', c.len_utf16()));
            } else {
                out.push(c);
            }
        }
        out
    }
}

impl<'a> Visit<'a> for Blanker<'_> {
    fn visit_statement(&mut self, it: &Statement<'a>) {
        match statement_erasure(it) {
            Erasure::Keep => walk::walk_statement(self, it),
            Erasure::Blank => self.blank_with_semicolon(it.span()),
            Erasure::Refuse(offset, construct) => self.refuse(offset, construct),
        }
    }

    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        for specifier in it.specifiers.iter().flatten() {
            if let ImportDeclarationSpecifier::ImportSpecifier(specifier) = specifier
                && specifier.import_kind.is_type()
            {
                self.blank(specifier.span.start, specifier.span.end);
                self.blank_comma_after(specifier.span.end);
            }
        }
    }

    fn visit_export_specifier(&mut self, it: &ExportSpecifier<'a>) {
        if it.export_kind.is_type() {
            self.blank(it.span.start, it.span.end);
            self.blank_comma_after(it.span.end);
        }
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        if it.r#abstract
            && let Some(&(at, word)) = words(self.text, it.span.start as usize, it.body.span.start as usize)
                .iter()
                .find(|(_, word)| *word == "abstract")
        {
            self.blank(at as u32, (at + word.len()) as u32);
        }
        if let (Some(first), Some(last)) = (it.implements.first(), it.implements.last()) {
            let keyword = words(self.text, it.span.start as usize, first.span.start as usize)
                .into_iter()
                .rfind(|(_, word)| *word == "implements");
            let start = keyword.map_or(first.span.start, |(at, _)| at as u32);
            self.blank(start, last.span.end);
        }
        walk::walk_class(self, it);
    }

    /// Blanked with the `implements` keyword, in `visit_class`.
    fn visit_ts_class_implements(&mut self, _: &TSClassImplements<'a>) {}

    fn visit_class_element(&mut self, it: &ClassElement<'a>) {
        if is_type_only_member(it) {
            self.blank_with_semicolon(it.span());
            return;
        }
        match it {
            ClassElement::MethodDefinition(method) => {
                self.blank_member_modifiers(method.span.start, &method.key);
                if method.optional {
                    self.blank_mark_after(method.key.span().end, method.computed, b'?');
                }
            }
            ClassElement::PropertyDefinition(property) => {
                self.blank_member_modifiers(property.span.start, &property.key);
                if property.optional || property.definite {
                    let mark = if property.optional { b'?' } else { b'!' };
                    self.blank_mark_after(property.key.span().end, property.computed, mark);
                }
            }
            ClassElement::AccessorProperty(accessor) => {
                self.blank_member_modifiers(accessor.span.start, &accessor.key);
                if accessor.definite {
                    self.blank_mark_after(accessor.key.span().end, accessor.computed, b'!');
                }
            }
            ClassElement::StaticBlock(_) | ClassElement::TSIndexSignature(_) => {}
        }
        walk::walk_class_element(self, it);
    }

    fn visit_decorator(&mut self, it: &Decorator<'a>) {
        self.refuse(it.span.start, "decorator");
    }

    fn visit_formal_parameter(&mut self, it: &FormalParameter<'a>) {
        if it.accessibility.is_some() || it.readonly || it.r#override {
            self.refuse(it.span.start, "parameter property");
        }
        if it.optional {
            self.blank_mark_after(it.pattern.span().end, false, b'?');
        }
        walk::walk_formal_parameter(self, it);
    }

    fn visit_ts_this_parameter(&mut self, it: &TSThisParameter<'a>) {
        self.blank(it.span.start, it.span.end);
        self.blank_comma_after(it.span.end);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if it.definite {
            self.blank_mark_after(it.id.span().end, false, b'!');
        }
        walk::walk_variable_declarator(self, it);
    }

    /// No line break may come between an arrow's parameters and its `=>`: when the return
    /// type spans lines, the `)` moves to the type's last character.
    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        if let Some(return_type) = &it.return_type {
            let between = self.text.get(it.params.span.end as usize..return_type.span.end as usize).unwrap_or("");
            let close = it.params.span.end.saturating_sub(1);
            if between.contains(['\n', '\r', '\u{2028}', '\u{2029}'])
                && self.text.as_bytes().get(close as usize) == Some(&b')')
                && let Some(last) = self.last_char_start(return_type.span.end)
            {
                self.blank(close, close + 1);
                self.marks.insert(last, ')');
            }
        }
        walk::walk_arrow_function_expression(self, it);
    }

    fn visit_ts_type_annotation(&mut self, it: &TSTypeAnnotation<'a>) {
        self.blank(it.span.start, it.span.end);
    }

    fn visit_ts_type_parameter_declaration(&mut self, it: &TSTypeParameterDeclaration<'a>) {
        self.blank(it.span.start, it.span.end);
    }

    fn visit_ts_type_parameter_instantiation(&mut self, it: &TSTypeParameterInstantiation<'a>) {
        self.blank(it.span.start, it.span.end);
    }

    /// Types are blanked by their parent; nothing inside one needs a look.
    fn visit_ts_type(&mut self, _: &TSType<'a>) {}

    fn visit_ts_as_expression(&mut self, it: &TSAsExpression<'a>) {
        self.blank_type_suffix(&it.expression, it.span);
        self.visit_expression(&it.expression);
    }

    fn visit_ts_satisfies_expression(&mut self, it: &TSSatisfiesExpression<'a>) {
        self.blank_type_suffix(&it.expression, it.span);
        self.visit_expression(&it.expression);
    }

    fn visit_ts_non_null_expression(&mut self, it: &TSNonNullExpression<'a>) {
        self.blank(it.expression.span().end, it.span.end);
        self.visit_expression(&it.expression);
    }

    /// `<T>x`.
    fn visit_ts_type_assertion(&mut self, it: &TSTypeAssertion<'a>) {
        self.blank(it.span.start, it.expression.span().start);
        self.visit_expression(&it.expression);
    }
}
