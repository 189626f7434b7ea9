// status: fixed
// found by: --inputs 10000 --seed 101, input #9335 (mutation of tests/SymGrad.Generator.Tests/SnapshotTests.cs (string 8): swap tokens, rename an identifier), shrunk
// symptom: GeneratorException SYMGRAD0099 KeyNotFoundException: Source0.cs(9,22): error SYMGRAD0099: SymGrad failed on method 'F' (KeyNotFoundException: The given key 'result' was not present in the dictionary.); this is a bug in SymGrad, please report it with the method's source
using SymGrad;
  partial class 
{
[Differentiable
 static double F(double x double 
{
    }   