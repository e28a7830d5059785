/**
 * The one SM4 master key of every test node, server process and CLI run: test databases are
 * copies of one template whose data keys it wraps (in production each node keeps its own).
 */
export const testMasterKey = '7a686968692d746573742d6d61737465722d6b65792d7a686968692d30303031';
