//! `bench:transpiler`: the large benchmark component, ferry's transpiler core behind one
//! export. Its size comes from real code, so transpiling and loading it cost what a big
//! component costs.

wit_bindgen::generate!({ path: "wit", world: "transpiler" });

struct Component;

impl Guest for Component {
    fn transpile(component: Vec<u8>, name: String) -> Result<Vec<File>, String> {
        let options = ferry_transpiler::Options { name, ..Default::default() };
        let output = ferry_transpiler::transpile(&component, &options).map_err(|e| e.to_string())?;
        Ok(output.files.into_iter().map(|(name, bytes)| File { name, bytes: bytes.into_owned() }).collect())
    }
}

export!(Component);
