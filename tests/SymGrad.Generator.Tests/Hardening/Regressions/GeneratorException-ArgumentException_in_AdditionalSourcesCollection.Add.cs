// status: fixed
// found by: --inputs 1000 --seed 2, input #694 (random expressions, mutated: add an overload, delete tokens), shrunk
// symptom: GeneratorException ArgumentException in AdditionalSourcesCollection.Add: System.ArgumentException: The hintName 'Random.F0_double_double_double.SymGrad.g.cs' of the added source file must be unique within a generator. (Parameter 'hintName')
using SymGrad;
  partial class 
{
    [Differentiable  static double F0(double x double  double z) => z;
    [Differentiable  static double F0(double x  double z,double ) => z