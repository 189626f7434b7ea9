namespace SymGrad.Generator;

/// <summary>The names of the pipeline's steps, for incrementality tests.</summary>
internal static class TrackingNames
{
    public const string Lowered = nameof(Lowered);
    public const string Models = nameof(Models);
    public const string Differentiated = nameof(Differentiated);
    public const string Simplified = nameof(Simplified);
    public const string Emitted = nameof(Emitted);
    public const string Diagnostics = nameof(Diagnostics);
    public const string RuntimeTypes = nameof(RuntimeTypes);
    public const string DerivativeChecks = nameof(DerivativeChecks);
}
