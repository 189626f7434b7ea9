// status: fixed
// found by: --inputs 10000 --seed 102, input #2333 (mutation of tests/SymGrad.Generator.Tests/DiagnosticTests.cs (string 16): splice a statement, rename an identifier, splice a statement), shrunk
// symptom: GeneratedCodeError CS0136: SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator/M.F_double_double.SymGrad.g.cs(20,16): error CS0136: A local or parameter named 'class' cannot be declared in this scope because that name is used in an enclosing local scope to define a local or parameter
using SymGrad;
  partial class M { [Differentiable]  static double F(double @class, double dx) { @class--; return @class * dx; @class = ( + 1);
} }