namespace SymGrad.Fuzz.Inputs;

/// <summary>
/// Statements spliced into the bodies of supported methods: constructs SymGrad rejects (each must
/// become a SYMGRAD diagnostic, never a crash), and supported ones in unusual places (guards, early
/// returns, short-circuits, local arrays, names the generated code uses itself). <c>{v}</c> is a
/// <c>double</c> variable of the method, <c>{n}</c> a fresh name.
/// </summary>
internal static class Splices
{
    public static readonly string[] Statements =
    {
        // Rejected constructs.
        "while ({v} > 1) { {v} -= 1; }",
        "do { {v} += 1; } while ({v} < 0);",
        "for (;;) { break; }",
        "try { {v} = {v} * 2; } finally { }",
        "try { {v} = {v} * 2; } catch (System.Exception) { {v} = 0; }",
        "string {n} = \"a\";",
        "{v} %= 2.0;",
        "{v} = Math.Round({v});",
        "{v} = Math.FusedMultiplyAdd({v}, {v}, 1.0);",
        "goto {n}; {n}: ;",
        "switch ((int){v}) { case 0: {v} += 1; break; default: break; }",
        "{v} = {v} switch { > 0 => {v}, _ => 0.0 };",
        "double {n}(double q) => q * q; {v} = {n}({v});",
        "lock (typeof(object)) { {v} += 1; }",
        "if ({v} > 1e300) throw new System.ArgumentException();",
        "{v} = checked({v} + 1);",
        "var {n} = ({v}, {v});",
        "{v} = {v} is > 0 ? {v} : -{v};",
        "System.Console.WriteLine({v});",
        "{v} = (double)(float){v};",
        "{v} = (long){v};",
        "{v} = new System.Random(1).NextDouble() * {v};",
        "unsafe { }",
        "using (null as System.IDisposable) { }",
        "{v} = nameof({v}).Length;",
        "{v} = default;",
        "System.Func<double, double> {n} = q => q * {v}; {v} = {n}({v});",
        "{v} = {v} > 0 ? throw new System.Exception() : {v};",
        "ref double {n} = ref {v}; {n} = 1.0;",
        "{v} = sizeof(double) * {v};",
        "{v} = {v}++ + ++{v};",
        "{v} = ({v} = 2.0) * {v};",
        "double[][] {n} = new double[2][];",
        "{v} = Math.Sqrt(-{v});",
        "{v} = double.NaN;",
        "{v} = {v} / 0.0;",
        "const double {n} = 1e308; {v} = {v} * {n} * {n};",
        // Supported constructs in unusual places.
        "if ({v} > 0) return Math.Log({v});",
        "if ({v} < 0) { return -{v}; } else if ({v} > 10) { return {v} * {v}; }",
        "{v} = {v} > 0 ? Math.Log({v}) : 0.0;",
        "{v} = {v} > 0 && Math.Log({v}) > 0.5 ? {v} : -{v};",
        "{v} = {v} < 0 || Math.Sqrt({v}) > 1 ? 1.0 : {v};",
        "double {n} = 0; if ({v} > 0) {n} = Math.Sqrt({v}); {v} += {n};",
        "double[] {n} = new double[3]; {n}[0] = {v}; {n}[2] = {n}[0] * {v}; {v} = {n}[2] + {n}[1];",
        "Span<double> {n} = stackalloc double[2]; {n}[1] = {v}; {v} = {n}[1] * {n}[0];",
        "int {n} = (int)3.0; {v} += {n};",
        "for (int {n} = 0; {n} < 3; {n}++) { {v} = Math.Tanh({v} + {n}); }",
        "{v}++;",
        "{v}--;",
        "{v} = -(-{v});",
        "{v} = Math.Pow({v}, 0.5);",
        "{v} = Math.Pow({v}, 0.0);",
        "{v} = Math.Max({v}, {v});",
        "{v} = Math.Abs({v}) > 0 ? Math.Log(Math.Abs({v})) : 0.0;",
        "{v} = SymMath.Sigmoid({v}) + SymMath.Softplus(-{v}) + SymMath.Relu({v});",
        "bool {n} = {v} > 0 | {v} < -1; if ({n}) {v} *= 2;",
        "{v} = 1e308 * {v} * {v};",
        "{v} = {v} * 0.0;",
        "{ double {v}2 = {v}; {v} = {v}2 * {v}2; }",
        "double result = {v}; double condition = result; {v} = condition * 2;",
        "double dResult = {v}; {v} = dResult + 1;",
        "double global = {v}; {v} = global;",
        "double @double = {v}; {v} = @double * @double;",
        "double System = {v}; {v} = System;",
        "double Math = 2.0; {v} = Math * {v};",
    };
}
