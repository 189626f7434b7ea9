namespace SymGrad.Generator.IR;

/// <summary>The C# type of an IR value. Only <see cref="Double"/> values carry derivatives.</summary>
internal enum ValueKind
{
    Double,
    Int,
    Bool,
}
