//! The block of declarations of one interface (an ambient module, or a namespace in the main
//! file), and the main file's namespaces of imported interfaces.

use super::printer::Printer;
use super::{Role, Scope, World};
use crate::error::Error;
use crate::names::js_string;
use wit_parser::{Docs, InterfaceId, WorldItem};

impl World<'_> {
    /// The start of a main file: `header`, the reference to the imports file if given, the
    /// world's docs, its types, the classes of its resources and the namespaces of its
    /// imported interfaces (implemented by `role`). It returns the names of the classes and
    /// namespaces, for the file to export as types.
    pub fn preamble(&self, p: &mut Printer, header: &str, imports_file: Option<&str>, role: Role) -> Result<Vec<String>, Error> {
        p.line(header);
        if let Some(file) = imports_file {
            p.line(format!("/// <reference path={} />", js_string(&format!("./{file}"))));
        }
        if !self.world().docs.is_empty() {
            p.blank();
            p.doc(&self.world().docs, &["@module".to_string()]);
        }
        let mut names = Vec::new();
        for resource in self.world_types(p)? {
            p.blank();
            self.resource_class(p, "declare ", resource, Scope::Top, role)?;
            names.push(self.type_name(resource));
        }
        names.extend(self.import_namespaces(p, role)?);
        Ok(names)
    }

    /// The members of interface `id`'s block in `scope`: its named types, its resources'
    /// classes in the form `role` needs, and its functions.
    pub fn interface_block(&self, p: &mut Printer, id: InterfaceId, scope: Scope, role: Role) -> Result<(), Error> {
        for resource in self.interface_types(p, id, scope)? {
            self.resource_class(p, "export ", resource, scope, role)?;
        }
        for f in self.free_functions(id) {
            self.function_decl(p, f, role, scope)?;
        }
        Ok(())
    }

    /// `declare namespace TestValuesHost { ... }` for each imported interface, implemented by
    /// `role`; returns their names.
    fn import_namespaces(&self, p: &mut Printer, role: Role) -> Result<Vec<String>, Error> {
        let mut names = Vec::new();
        for (key, item) in &self.world().imports {
            let WorldItem::Interface { id, docs, .. } = item else { continue };
            let name = self.resolve.name_world_key(key);
            let namespace = self.import_namespace(&name);
            p.blank();
            let tags = [format!("The imported interface `{name}`.")];
            p.doc(self.interface_docs(*id, docs), &tags);
            p.open(format!("declare namespace {namespace}"));
            self.interface_block(p, *id, Scope::Import(*id), role)?;
            p.close("");
            names.push(namespace.to_string());
        }
        Ok(names)
    }

    /// The docs of an import or export of interface `id`: those of the `import`/`export`
    /// statement if it has any, else the interface's own.
    pub fn interface_docs<'d>(&'d self, id: InterfaceId, statement: &'d Docs) -> &'d Docs {
        if statement.is_empty() { &self.resolve.interfaces[id].docs } else { statement }
    }
}
