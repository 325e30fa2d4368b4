class ComponentError extends Error {
  constructor(payload) {
    super(typeof payload === 'string' ? payload : 'component returned an error');
    this.name = 'ComponentError';
    this.payload = payload;
  }
}
