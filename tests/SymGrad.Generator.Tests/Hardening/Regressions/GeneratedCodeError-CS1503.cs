// status: fixed
// found by: --inputs 100000 --seed 2026, input #73364 (mutation of tests/SymGrad.Generator.Tests/DiagnosticTests.cs (string 71): rename an identifier, rename an identifier), shrunk
// symptom: GeneratedCodeError CS1503: SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator/M.nameof_doubleArray.SymGrad.g.cs(19,162): error CS1503: Argument 1: cannot convert from 'System.Span<double>' to 'double[]'
using SymGrad;   partial class M { [Differentiable]  static double nameof(double[] a) => a[0]; [Differentiable]  static double F(int[] a, double q977) => a[0] * q977; }