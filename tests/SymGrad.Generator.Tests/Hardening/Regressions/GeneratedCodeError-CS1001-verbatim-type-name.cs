// status: fixed
// found by: --inputs 10000 --seed 102, input #928 (mutation of tests/SymGrad.Generator.Tests/DiagnosticTests.cs (string 71): rename an identifier), shrunk
// symptom: GeneratedCodeError CS1001: SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator/_double.F_intArray_double.SymGrad.g.cs(6,15): error CS1001: Identifier expected
using SymGrad;   partial class @double { [Differentiable]  static double F(double[] a) => a[0]; [Differentiable]  static double F(int[] a, double x) => a[0] * x; }