//! Drops the code the component can never run. After the snapshot much of the engine is dead:
//! wizer removed the `_initialize` and `ferry_init` exports, and with them the only ways into
//! QuickJS's runtime and context set-up, the world's decoder and the init's module loading.
//! This pass finds the functions the linked module can still reach, from its exports, its
//! start function and every function a table segment or a global names (a table entry may
//! be called indirectly), through `call`, `return_call` and `ref.func`, and replaces the
//! body of every other one with `unreachable`. No index changes; a hello world loses about
//! 60 KB.

use wasm_encoder::{CodeSection, Function, Instruction, Module, RawSection};
use wasmparser::{
    BinaryReaderError, ConstExpr, ElementItems, ElementKind, ExternalKind, FunctionBody, Operator, Parser, Payload, TypeRef,
};

/// `module` with the body of every function it cannot reach replaced by `unreachable`.
/// Errors only if `module` cannot be parsed.
pub fn strip(module: &[u8]) -> Result<Vec<u8>, BinaryReaderError> {
    let mut imported = 0;
    let mut roots = Vec::new();
    let mut bodies = Vec::new();
    for payload in Parser::new(0).parse_all(module) {
        match payload? {
            Payload::ImportSection(section) => {
                for import in section.into_imports() {
                    if matches!(import?.ty, TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::ExportSection(section) => {
                for export in section {
                    let export = export?;
                    if export.kind == ExternalKind::Func {
                        roots.push(export.index);
                    }
                }
            }
            Payload::StartSection { func, .. } => roots.push(func),
            Payload::GlobalSection(section) => {
                for global in section {
                    named_by(&global?.init_expr, &mut roots)?;
                }
            }
            Payload::ElementSection(section) => {
                for element in section {
                    let element = element?;
                    // A declarative segment fills no table: it only permits `ref.func`.
                    if matches!(element.kind, ElementKind::Declared) {
                        continue;
                    }
                    match element.items {
                        ElementItems::Functions(funcs) => {
                            for func in funcs {
                                roots.push(func?);
                            }
                        }
                        ElementItems::Expressions(_, exprs) => {
                            for expr in exprs {
                                named_by(&expr?, &mut roots)?;
                            }
                        }
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(body),
            _ => {}
        }
    }
    let live = reachable(imported, &bodies, roots)?;

    let mut out = Module::new();
    for payload in Parser::new(0).parse_all(module) {
        match payload? {
            Payload::CodeSectionStart { .. } => {
                let mut code = CodeSection::new();
                for (body, live) in bodies.iter().zip(&live) {
                    match live {
                        true => code.raw(body.as_bytes()),
                        false => code.function(&unreachable()),
                    };
                }
                out.section(&code);
            }
            // Copied with their section, above.
            Payload::CodeSectionEntry(_) => {}
            other => {
                if let Some((id, range)) = other.as_section() {
                    out.section(&RawSection { id, data: &module[range.start as usize..range.end as usize] });
                }
            }
        }
    }
    Ok(out.finish())
}

/// Which of the defined functions (`bodies`, numbered from `imported`) `roots` reach.
fn reachable(imported: u32, bodies: &[FunctionBody<'_>], mut roots: Vec<u32>) -> Result<Vec<bool>, BinaryReaderError> {
    let mut live = vec![false; bodies.len()];
    while let Some(func) = roots.pop() {
        let Some(defined) = func.checked_sub(imported).map(|f| f as usize) else { continue };
        if defined >= bodies.len() || live[defined] {
            continue;
        }
        live[defined] = true;
        let mut ops = bodies[defined].get_operators_reader()?;
        while !ops.eof() {
            match ops.read()? {
                Operator::Call { function_index }
                | Operator::ReturnCall { function_index }
                | Operator::RefFunc { function_index } => roots.push(function_index),
                _ => {}
            }
        }
    }
    Ok(live)
}

/// Adds the functions a constant expression names (`ref.func`) to `funcs`.
fn named_by(expr: &ConstExpr<'_>, funcs: &mut Vec<u32>) -> Result<(), BinaryReaderError> {
    let mut ops = expr.get_operators_reader();
    while !ops.eof() {
        if let Operator::RefFunc { function_index } = ops.read()? {
            funcs.push(function_index);
        }
    }
    Ok(())
}

/// The body a dead function gets: no locals, and a trap should anything call it after all.
fn unreachable() -> Function {
    let mut body = Function::new([]);
    body.instruction(&Instruction::Unreachable).instruction(&Instruction::End);
    body
}

#[cfg(test)]
mod tests;
