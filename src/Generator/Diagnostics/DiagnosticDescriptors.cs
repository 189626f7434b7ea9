using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SymGrad.Generator.Diagnostics;

/// <summary>
/// Every diagnostic SymGrad reports. IDs are grouped by range: 0001-0009 misuse of the attribute,
/// 0010-0029 constructs in the method body that the generator cannot differentiate, 0030-0039
/// declarations the attribute cannot be used on.
/// Each has a page at docs/diagnostics/{ID}.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string UsageCategory = "SymGrad.Usage";
    private const string UnsupportedCategory = "SymGrad.Unsupported";
    // The repository URL is the one the package metadata uses (Directory.Build.props).
    private const string HelpLinkBase = BuildInfo.RepositoryUrl + "/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor MethodMustBeStatic = Create(
        "SYMGRAD0001",
        UsageCategory,
        "[Differentiable] method must be static",
        "Method '{0}' is an instance method; [Differentiable] supports static methods only: make it static and pass any state as parameters");

    public static readonly DiagnosticDescriptor TypeMustBePartial = Create(
        "SYMGRAD0002",
        UsageCategory,
        "Type containing a [Differentiable] method must be partial",
        "Type '{0}' contains [Differentiable] method '{1}' but is not partial; declare it (and every type containing it) 'partial' so the gradient can be generated into it");

    public static readonly DiagnosticDescriptor ReturnTypeMustBeDouble = Create(
        "SYMGRAD0003",
        UsageCategory,
        "[Differentiable] method must return double",
        "Method '{0}' returns '{1}'; a [Differentiable] method must return a scalar 'double' or 'float', or return 'void' and write its vector into exactly one 'Span<double>' or 'Span<float>' parameter");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Create(
        "SYMGRAD0004",
        UsageCategory,
        "Unsupported parameter",
        "Parameter '{0}' ({1}) is not supported; supported parameters are passed by value and have type double, double[], Span<double> or ReadOnlySpan<double>, or the same in float (differentiated unless [NoDerivative]), or int, bool, int[], ReadOnlySpan<int>, double[,] or float[,] (constants)");

    public static readonly DiagnosticDescriptor GenericMethodNotSupported = Create(
        "SYMGRAD0005",
        UsageCategory,
        "Generic [Differentiable] methods are not supported",
        "Method '{0}' is generic; [Differentiable] methods cannot have type parameters: write it for double");

    public static readonly DiagnosticDescriptor GradientNameCollision = Create(
        "SYMGRAD0006",
        UsageCategory,
        "Gradient output name collides with a parameter",
        "The gradient output '{0}' for parameter '{1}' has the same name as another parameter; rename parameter '{0}'");

    public static readonly DiagnosticDescriptor MethodHasNoBody = Create(
        "SYMGRAD0007",
        UsageCategory,
        "[Differentiable] method has no body",
        "Method '{0}' has no body to differentiate; give it a block or expression body");

    public static readonly DiagnosticDescriptor RuntimeNotReferenced = Create(
        "SYMGRAD0008",
        UsageCategory,
        "SymGrad.Runtime is not referenced",
        "The gradient of '{0}' needs '{1}' from SymGrad.Runtime, which this project does not reference; add the SymGrad package ('dotnet add package SymGrad'), which brings the runtime with the attributes and the generator");

    public static readonly DiagnosticDescriptor MixedPrecisionSignature = Create(
        "SYMGRAD0009",
        UsageCategory,
        "[Differentiable] method mixes float and double in its signature",
        "Method '{0}' has both float and double in its signature; a [Differentiable] method computes in one precision: make every real parameter, the return value and the output span all double or all float");

    public static readonly DiagnosticDescriptor UnsupportedStatement = Create(
        "SYMGRAD0010",
        UnsupportedCategory,
        "Unsupported statement",
        "{0} cannot be differentiated; supported statements are local declarations, assignments (= += -= *= /=), if/else, for and foreach loops, and return");

    public static readonly DiagnosticDescriptor UnsupportedExpression = Create(
        "SYMGRAD0011",
        UnsupportedCategory,
        "Unsupported expression",
        "{0} cannot be differentiated; supported expressions are literals, parameters, locals, constants, + - * /, unary minus, comparisons, && || !, ?:, and calls of supported Math and SymMath functions");

    public static readonly DiagnosticDescriptor UnsupportedCall = Create(
        "SYMGRAD0012",
        UnsupportedCategory,
        "Unsupported method call",
        "Call to '{0}' cannot be differentiated: it is neither [Differentiable] nor has a [DerivativeOf] derivative, and an argument may carry a derivative. Mark it [Differentiable], or write its derivative and mark that [DerivativeOf]; calls whose arguments carry no derivative (integers, constants, [NoDerivative] parameters) are allowed. The built-in supported functions are Math.Exp, Log, Sqrt, Pow, Sin, Cos, Tan, Atan, Sinh, Cosh, Tanh, Abs, Max, Min (on double), SymMath.Sigmoid, Softplus, Relu, LogSumExp, LogSoftmax, Softmax and Dot, and Math.Max, Min, Abs on int");

    public static readonly DiagnosticDescriptor RecursiveCall = Create(
        "SYMGRAD0013",
        UnsupportedCategory,
        "Recursion is not supported",
        "Method '{0}' calls itself, directly or through other [Differentiable] methods; [Differentiable] methods cannot be recursive: rewrite the recursion as a loop");

    public static readonly DiagnosticDescriptor UnsupportedLocalType = Create(
        "SYMGRAD0014",
        UnsupportedCategory,
        "Unsupported local variable type",
        "Local '{0}' has type '{1}'; supported local types are double (float in a float method), int, bool, and double[] or Span<double> (float[] or Span<float>) created by 'new double[n]' or 'stackalloc double[n]' at the top level of the method");

    public static readonly DiagnosticDescriptor UnsupportedConversion = Create(
        "SYMGRAD0015",
        UnsupportedCategory,
        "Unsupported conversion",
        "Conversion from '{0}' to '{1}' cannot be differentiated; supported conversions are int to double (or float), explicit conversions between float and double, and identity conversions");

    public static readonly DiagnosticDescriptor UnsupportedAssignmentTarget = Create(
        "SYMGRAD0016",
        UnsupportedCategory,
        "Unsupported assignment",
        "Assignment to {0} is not supported; assign to scalar locals and parameters, or to elements of local arrays, in a statement of their own");

    public static readonly DiagnosticDescriptor UnsupportedLoop = Create(
        "SYMGRAD0017",
        UnsupportedCategory,
        "Unsupported loop form",
        "{0}; supported loops are 'while', 'do', 'for (;;)', 'foreach' over a double or int array or span, and 'for (int i = start; i < end; i += step)' with one int counter the body does not assign, a constant step towards the bound (<, <=, >, >= or !=; an '&& condition' may follow) and bounds the body does not assign; break, continue and return may appear inside");

    public static readonly DiagnosticDescriptor UnsupportedArrayUse = Create(
        "SYMGRAD0018",
        UnsupportedCategory,
        "Unsupported use of an array",
        "{0}; arrays and spans are supported as whole arguments of SymMath functions, through element reads and writes 'a[i]', and through '.Length'");

    public static readonly DiagnosticDescriptor MixedPrecision = Create(
        "SYMGRAD0019",
        UnsupportedCategory,
        "float and double mixed in one method",
        "{0} in a {1} method; a [Differentiable] method computes in one precision, its signature's: {2}");

    public static readonly DiagnosticDescriptor ExpressionTooDeep = Create(
        "SYMGRAD0020",
        UnsupportedCategory,
        "Expression nested too deeply",
        "{0}");

    public static readonly DiagnosticDescriptor UnsupportedCallee = Create(
        "SYMGRAD0021",
        UnsupportedCategory,
        "The call cannot be differentiated",
        "The call to '{0}' cannot be differentiated: {1}");

    public static readonly DiagnosticDescriptor InvalidDerivative = Create(
        "SYMGRAD0022",
        UsageCategory,
        "Invalid [DerivativeOf] method",
        "'{0}' cannot be the derivative of '{1}': {2}. Expected: {3}");

    public static readonly DiagnosticDescriptor LocalFunctionOrLambda = Create(
        "SYMGRAD0030",
        UsageCategory,
        "[Differentiable] on a local function or lambda is not supported",
        "[Differentiable] is on {0}; SymGrad differentiates static methods of partial types only: move it into a static method of a partial type");

    public static readonly DiagnosticDescriptor FileLocalType = Create(
        "SYMGRAD0031",
        UsageCategory,
        "[Differentiable] method in a file-local type",
        "Method '{0}' is in the file-local type '{1}', which the generated file cannot extend (a 'file' type is visible in its own file only); declare the type 'internal' instead of 'file'");

    public static readonly DiagnosticDescriptor GradientNameTaken = Create(
        "SYMGRAD0032",
        UsageCategory,
        "The gradient's name is already taken",
        "Type '{0}' already declares {1}, which the generated '{2}' would clash with; rename it, or rename the method '{3}'");

    public static readonly DiagnosticDescriptor SecondOrderUnsupported = Create(
        "SYMGRAD0023",
        UsageCategory,
        "Forward mode or the Hessian cannot be generated for this method",
        "'{0}' asks for {1}, but forward mode cannot differentiate {2}; the gradient and the pullback are still generated. Remove {1}, or call the method's [Differentiable] helpers from the same project so they are inlined.");

    public static readonly DiagnosticDescriptor InternalError = Create(
        "SYMGRAD0099",
        "SymGrad.Internal",
        "SymGrad could not generate the gradient",
        "SymGrad failed on method '{0}' ({1}); this is a bug in SymGrad, please report it with the method's source");

    private static readonly Dictionary<string, DiagnosticDescriptor> ByIdMap = new()
    {
        [InternalError.Id] = InternalError,
        [UnsupportedLoop.Id] = UnsupportedLoop,
        [ExpressionTooDeep.Id] = ExpressionTooDeep,
        [UnsupportedArrayUse.Id] = UnsupportedArrayUse,
        [MethodMustBeStatic.Id] = MethodMustBeStatic,
        [TypeMustBePartial.Id] = TypeMustBePartial,
        [ReturnTypeMustBeDouble.Id] = ReturnTypeMustBeDouble,
        [UnsupportedParameter.Id] = UnsupportedParameter,
        [GenericMethodNotSupported.Id] = GenericMethodNotSupported,
        [GradientNameCollision.Id] = GradientNameCollision,
        [MethodHasNoBody.Id] = MethodHasNoBody,
        [RuntimeNotReferenced.Id] = RuntimeNotReferenced,
        [MixedPrecisionSignature.Id] = MixedPrecisionSignature,
        [MixedPrecision.Id] = MixedPrecision,
        [UnsupportedStatement.Id] = UnsupportedStatement,
        [UnsupportedExpression.Id] = UnsupportedExpression,
        [UnsupportedCall.Id] = UnsupportedCall,
        [RecursiveCall.Id] = RecursiveCall,
        [UnsupportedLocalType.Id] = UnsupportedLocalType,
        [UnsupportedConversion.Id] = UnsupportedConversion,
        [UnsupportedAssignmentTarget.Id] = UnsupportedAssignmentTarget,
        [LocalFunctionOrLambda.Id] = LocalFunctionOrLambda,
        [FileLocalType.Id] = FileLocalType,
        [GradientNameTaken.Id] = GradientNameTaken,
        [UnsupportedCallee.Id] = UnsupportedCallee,
        [InvalidDerivative.Id] = InvalidDerivative,
        [SecondOrderUnsupported.Id] = SecondOrderUnsupported,
    };

    /// <summary>All descriptors, for tests and docs.</summary>
    public static IEnumerable<DiagnosticDescriptor> All => ByIdMap.Values;

    public static DiagnosticDescriptor ById(string id) => ByIdMap[id];

    private static DiagnosticDescriptor Create(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
