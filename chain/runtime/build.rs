//! Builds the runtime to wasm (substrate-wasm-builder) unless `SKIP_WASM_BUILD` is set.
fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
