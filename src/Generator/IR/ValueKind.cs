namespace SymGrad.Generator.IR;

/// <summary>The C# type of an IR value. Only <see cref="Double"/> values carry derivatives.</summary>
internal enum ValueKind
{
    Double,
    Int,
    Bool,

    /// <summary>A <c>double[]</c>, <c>Span&lt;double&gt;</c> or <c>ReadOnlySpan&lt;double&gt;</c>.</summary>
    DoubleArray,

    /// <summary>An <c>int[]</c> or <c>ReadOnlySpan&lt;int&gt;</c> (constant data).</summary>
    IntArray,

    /// <summary>A <c>double[,]</c> (constant data).</summary>
    DoubleMatrix,
}
