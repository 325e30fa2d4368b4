//! Random WIT types: the model, how it is drawn, its WIT text and its JSON description for
//! the drivers (named types written out in place, so a driver needs no table).

use crate::rng::Rng;
use serde_json::{Value, json};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Prim {
    Bool,
    U8,
    S8,
    U16,
    S16,
    U32,
    S32,
    U64,
    S64,
    F32,
    F64,
    Char,
    String,
}

const PRIMS: [Prim; 13] = [
    Prim::Bool,
    Prim::U8,
    Prim::S8,
    Prim::U16,
    Prim::S16,
    Prim::U32,
    Prim::S32,
    Prim::U64,
    Prim::S64,
    Prim::F32,
    Prim::F64,
    Prim::Char,
    Prim::String,
];

impl Prim {
    pub fn name(self) -> &'static str {
        match self {
            Prim::Bool => "bool",
            Prim::U8 => "u8",
            Prim::S8 => "s8",
            Prim::U16 => "u16",
            Prim::S16 => "s16",
            Prim::U32 => "u32",
            Prim::S32 => "s32",
            Prim::U64 => "u64",
            Prim::S64 => "s64",
            Prim::F32 => "f32",
            Prim::F64 => "f64",
            Prim::Char => "char",
            Prim::String => "string",
        }
    }
}

pub enum Ty {
    Prim(Prim),
    List(Box<Ty>),
    Tuple(Vec<Ty>),
    Option(Box<Ty>),
    Result(Option<Box<Ty>>, Option<Box<Ty>>),
    /// A record, variant, enum or flags type: an index into `Types::defs`.
    Named(usize),
    /// `own<res>`, the host's resource.
    Own,
}

pub enum Def {
    Record(Vec<(String, Ty)>),
    Variant(Vec<(String, Option<Ty>)>),
    Enum(Vec<String>),
    Flags(Vec<String>),
}

/// The named types of one world, each defined after the types it uses.
#[derive(Default)]
pub struct Types {
    pub defs: Vec<(String, Def)>,
}

/// How big a drawn type may get.
pub struct Budget {
    /// Nesting levels left.
    pub depth: u32,
    /// Type nodes left.
    pub nodes: u32,
}

const WORDS: [&str; 12] =
    ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda", "sigma", "omega", "tau"];

/// The `i`th of a set of distinct kebab-case names, in one of a few shapes (`gamma3`,
/// `beta-kappa3`), so that the JS side's lowerCamelCase conversion gets exercised.
fn member_name(rng: &mut Rng, i: usize) -> String {
    let word = WORDS[rng.range(0, WORDS.len() as u64 - 1) as usize];
    if rng.chance(1, 2) {
        format!("{word}{i}")
    } else {
        let second = WORDS[rng.range(0, WORDS.len() as u64 - 1) as usize];
        format!("{word}-{second}{i}")
    }
}

fn member_names(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n).map(|i| member_name(rng, i)).collect()
}

impl Types {
    /// Draws a type. `resources`: whether `own<res>` may appear.
    pub fn draw(&mut self, rng: &mut Rng, budget: &mut Budget, resources: bool) -> Ty {
        budget.nodes = budget.nodes.saturating_sub(1);
        if budget.depth == 0 || budget.nodes == 0 {
            return self.draw_leaf(rng, resources);
        }
        budget.depth -= 1;
        // leaf, list, tuple, option, result, record, variant, enum, flags
        let ty = match rng.weighted(&[30, 12, 8, 8, 8, 9, 9, 3, 3]) {
            0 => self.draw_leaf(rng, resources),
            1 => Ty::List(Box::new(self.draw(rng, budget, resources))),
            2 => {
                let n = rng.range(1, 5);
                Ty::Tuple((0..n).map(|_| self.draw(rng, budget, resources)).collect())
            }
            3 => Ty::Option(Box::new(self.draw(rng, budget, resources))),
            4 => {
                let ok = rng.chance(3, 4).then(|| Box::new(self.draw(rng, budget, resources)));
                let err = rng.chance(3, 4).then(|| Box::new(self.draw(rng, budget, resources)));
                Ty::Result(ok, err)
            }
            5 => {
                let n = rng.range(1, 6) as usize;
                let names = member_names(rng, n);
                let fields = names.into_iter().map(|n| (n, self.draw(rng, budget, resources))).collect();
                self.define("rec", Def::Record(fields))
            }
            6 => {
                let n = rng.range(1, 5) as usize;
                let names = member_names(rng, n);
                let cases = names
                    .into_iter()
                    .map(|n| (n, rng.chance(2, 3).then(|| self.draw(rng, budget, resources))))
                    .collect();
                self.define("vnt", Def::Variant(cases))
            }
            7 => {
                // Past 256 cases the discriminant takes two bytes.
                let n = if rng.chance(1, 5) { rng.range(250, 300) } else { rng.range(1, 6) };
                let names = member_names(rng, n as usize);
                self.define("enm", Def::Enum(names))
            }
            _ => {
                // 32 flags at most (the component model's limit); past 8 and 16 the
                // representation widens.
                let n = rng.range(1, 32) as usize;
                let names = member_names(rng, n);
                self.define("flg", Def::Flags(names))
            }
        };
        budget.depth += 1;
        ty
    }

    fn draw_leaf(&mut self, rng: &mut Rng, resources: bool) -> Ty {
        if resources && rng.chance(1, 25) {
            return Ty::Own;
        }
        Ty::Prim(PRIMS[rng.range(0, PRIMS.len() as u64 - 1) as usize])
    }

    fn define(&mut self, prefix: &str, def: Def) -> Ty {
        let index = self.defs.len();
        self.defs.push((format!("{prefix}{index}"), def));
        Ty::Named(index)
    }

    /// Whether `ty` or any type inside it satisfies `pred`.
    fn any(&self, ty: &Ty, pred: &dyn Fn(&Ty) -> bool) -> bool {
        pred(ty)
            || match ty {
                Ty::Prim(_) | Ty::Own => false,
                Ty::List(t) | Ty::Option(t) => self.any(t, pred),
                Ty::Tuple(ts) => ts.iter().any(|t| self.any(t, pred)),
                Ty::Result(ok, err) => [ok, err].into_iter().flatten().any(|t| self.any(t, pred)),
                Ty::Named(i) => match &self.defs[*i].1 {
                    Def::Record(fields) => fields.iter().any(|(_, t)| self.any(t, pred)),
                    Def::Variant(cases) => cases.iter().filter_map(|(_, t)| t.as_ref()).any(|t| self.any(t, pred)),
                    Def::Enum(_) | Def::Flags(_) => false,
                },
            }
    }

    /// Whether the bytes of a value of `ty` are all the canonical ABI's to choose: no
    /// strings or lists, whose pointers are where each host's allocations put them. (Handles
    /// are: the component model fixes which index a table gives.)
    pub fn is_plain_data(&self, ty: &Ty) -> bool {
        !self.any(ty, &|t| matches!(t, Ty::Prim(Prim::String) | Ty::List(_)))
    }

    /// Whether `ty` holds a string anywhere.
    pub fn contains_string(&self, ty: &Ty) -> bool {
        self.any(ty, &|t| matches!(t, Ty::Prim(Prim::String)))
    }

    /// Whether `layout<i>` can show the bytes of a value of `ty`: plain data, or a string or
    /// a list of plain data (its length and elements, not its pointer).
    pub fn has_layout(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Prim(Prim::String) => true,
            Ty::List(t) => self.is_plain_data(t),
            _ => self.is_plain_data(ty),
        }
    }

    /// The WIT text of a type.
    pub fn wit(&self, ty: &Ty) -> String {
        match ty {
            Ty::Prim(p) => p.name().to_string(),
            Ty::List(t) => format!("list<{}>", self.wit(t)),
            Ty::Tuple(ts) => format!("tuple<{}>", ts.iter().map(|t| self.wit(t)).collect::<Vec<_>>().join(", ")),
            Ty::Option(t) => format!("option<{}>", self.wit(t)),
            Ty::Result(None, None) => "result".to_string(),
            Ty::Result(Some(ok), None) => format!("result<{}>", self.wit(ok)),
            Ty::Result(None, Some(err)) => format!("result<_, {}>", self.wit(err)),
            Ty::Result(Some(ok), Some(err)) => format!("result<{}, {}>", self.wit(ok), self.wit(err)),
            Ty::Named(i) => self.defs[*i].0.clone(),
            Ty::Own => "own<res>".to_string(),
        }
    }

    /// The WIT definitions of the named types, one per line.
    pub fn wit_defs(&self) -> String {
        let mut out = String::new();
        for (name, def) in &self.defs {
            let body = match def {
                Def::Record(fields) => {
                    let fields: Vec<String> = fields.iter().map(|(n, t)| format!("{n}: {}", self.wit(t))).collect();
                    format!("record {name} {{ {} }}", fields.join(", "))
                }
                Def::Variant(cases) => {
                    let cases: Vec<String> = cases
                        .iter()
                        .map(|(n, t)| match t {
                            Some(t) => format!("{n}({})", self.wit(t)),
                            None => n.clone(),
                        })
                        .collect();
                    format!("variant {name} {{ {} }}", cases.join(", "))
                }
                Def::Enum(cases) => format!("enum {name} {{ {} }}", cases.join(", ")),
                Def::Flags(names) => format!("flags {name} {{ {} }}", names.join(", ")),
            };
            out.push_str("  ");
            out.push_str(&body);
            out.push('\n');
        }
        out
    }

    /// The type as JSON for the drivers: `{"k": kind, ...}` with named types in place.
    pub fn describe(&self, ty: &Ty) -> Value {
        let opt = |t: &Option<Box<Ty>>| t.as_ref().map_or(Value::Null, |t| self.describe(t));
        match ty {
            Ty::Prim(p) => json!({ "k": p.name() }),
            Ty::List(t) => json!({ "k": "list", "t": self.describe(t) }),
            Ty::Tuple(ts) => json!({ "k": "tuple", "ts": ts.iter().map(|t| self.describe(t)).collect::<Vec<_>>() }),
            Ty::Option(t) => json!({ "k": "option", "t": self.describe(t) }),
            Ty::Result(ok, err) => json!({ "k": "result", "ok": opt(ok), "err": opt(err) }),
            Ty::Own => json!({ "k": "own" }),
            Ty::Named(i) => {
                let (name, def) = &self.defs[*i];
                match def {
                    Def::Record(fields) => json!({
                        "k": "record", "name": name,
                        "fields": fields.iter().map(|(n, t)| json!([n, self.describe(t)])).collect::<Vec<_>>(),
                    }),
                    Def::Variant(cases) => json!({
                        "k": "variant", "name": name,
                        "cases": cases.iter().map(|(n, t)| json!([n, t.as_ref().map_or(Value::Null, |t| self.describe(t))])).collect::<Vec<_>>(),
                    }),
                    Def::Enum(cases) => json!({ "k": "enum", "name": name, "cases": cases }),
                    Def::Flags(names) => json!({ "k": "flags", "name": name, "names": names }),
                }
            }
        }
    }
}
