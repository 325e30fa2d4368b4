//! The imports file: a script of ambient modules, one per import of the world, named by its
//! import specifier before `--map` (`ns:pkg/iface`, version dropped, as the JS imports it).
//! An imported interface's module exports its types, functions and resource classes; a
//! world-level imported function `log` is the default export of module `log`, and the class
//! of a world-level resource `blob` that of module `blob`. Ambient modules cannot refer to the
//! main file, so world-level types are written out where they are used, except resources,
//! which are `import("blob").default`.

use super::printer::Printer;
use super::{Role, Scope, World};
use crate::error::Error;
use crate::names::{js_string, lower_camel};
use wit_parser::WorldItem;

impl World<'_> {
    /// The imports file, if the world imports any interface, function or resource. `role` is who
    /// implements the imports: the host (`Callee`) or the component, for a guest (`Caller`).
    pub fn imports_file(&self, role: Role, header: &str) -> Result<Option<String>, Error> {
        let mut p = Printer::default();
        p.line(header);
        let mut any = false;
        for (name, item) in self.imports() {
            let module = js_string(self.specifier(&name));
            match item {
                WorldItem::Interface { id, docs, .. } => {
                    p.blank();
                    p.doc(self.interface_docs(*id, docs), &[]);
                    p.open(format!("declare module {module}"));
                    self.interface_block(&mut p, *id, Scope::Module(*id), role)?;
                    p.close("");
                }
                WorldItem::Function(f) => {
                    let sig = self.signature(f, role, Scope::WorldModule(None))?;
                    p.blank();
                    p.open(format!("declare module {module}"));
                    p.doc(&f.docs, &sig.tags);
                    p.line(format!("export default function {}{};", lower_camel(&name), sig.method()));
                    p.close("");
                }
                WorldItem::Type { id, .. } if self.is_resource(*id) => {
                    p.blank();
                    p.open(format!("declare module {module}"));
                    self.resource_class(&mut p, "", *id, Scope::WorldModule(Some(*id)), role)?;
                    p.line(format!("export default {};", self.type_name(*id)));
                    p.close("");
                }
                WorldItem::Type { .. } => continue,
            }
            any = true;
        }
        Ok(any.then(|| p.finish()))
    }
}
