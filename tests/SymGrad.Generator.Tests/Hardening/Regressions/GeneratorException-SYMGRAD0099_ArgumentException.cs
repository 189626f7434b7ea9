// status: fixed
// found by: --inputs 10000 --seed 101, input #2957 (mutation of tests/SymGrad.Generator.Tests/SnapshotTests.cs (string 26): add an overload, swap tokens, add an overload), shrunk
// symptom: GeneratorException SYMGRAD0099 ArgumentException: Source0.cs(16,22): error SYMGRAD0099: SymGrad failed on method 'F' (ArgumentException: An item with the same key has already been added. Key: extra); this is a bug in SymGrad, please report it with the method's source
using SymGrad;
  partial class Model
{
[Differentiable]
 static double F(double x, [NoDerivative] double y,double extra,double extra) => y * 2.0;
}