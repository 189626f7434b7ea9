using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Naming;

/// <summary>
/// How generated code names things, in one place every stage uses: the names a method's generated
/// code must avoid, the stems of temporaries (a product is <c>product</c>, an exp <c>exp</c>, a call of
/// <c>HiddenUnit</c> <c>hiddenUnit</c>), capitalisation after a prefix (<c>dSum</c>), and the C# text of
/// a scalar kind.
/// </summary>
internal static class Names
{
    /// <summary>Names used by the source method, its parameters and the gradient outputs: generated names avoid all of them.</summary>
    public static NameAllocator For(MethodModel method) =>
        new(method.Parameters.Select(p => p.Name)
            .Concat(method.Parameters.Where(p => p.IsDifferentiated).Select(p => p.GradientName))
            .Concat(method.LocalNames));

    /// <summary>
    /// An allocator that avoids every name of the method and of its generated program: what passes over a finished
    /// <see cref="GradientModel"/> (second order, row tiles) take new names from.
    /// </summary>
    public static NameAllocator Avoiding(GradientModel model)
    {
        NameAllocator names = For(model.Method);
        foreach (string name in CodeWalker.DeclaredNames(model.Forward).Concat(CodeWalker.DeclaredNames(model.Reverse)).Concat(model.RentedBuffers))
        {
            names.Reserve(name);
        }

        names.Reserve(model.TapeName);
        if (model.Request.SeedParameter is { } seed)
        {
            names.Reserve(seed);
        }

        return names;
    }

    /// <summary>The stem of a temporary that holds <paramref name="expr"/>.</summary>
    public static string StemOf(Expr expr) => expr switch
    {
        Call c => c.Function.ToString().ToLowerInvariant(),
        UserCall u => Uncapitalize(ShortName(u.Callee.DisplayName)),
        VectorCall v => Uncapitalize(v.Function.ToString()),
        Binary { Operator: BinaryOperator.Add } => "sum",
        Binary { Operator: BinaryOperator.Subtract } => "difference",
        Binary { Operator: BinaryOperator.Multiply } => "product",
        Binary { Operator: BinaryOperator.Divide } => "quotient",
        Unary { Operator: UnaryOperator.Negate } => "negated",
        _ => "value",
    };

    /// <summary><c>Type.Method</c> → <c>Method</c>.</summary>
    public static string ShortName(string displayName) => displayName.Substring(displayName.LastIndexOf('.') + 1);

    /// <summary>The name with its first letter upper-case (and without a verbatim <c>@</c>), to follow a prefix.</summary>
    public static string Capitalize(string name)
    {
        name = NameAllocator.Unescaped(name);
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
    }

    /// <summary><paramref name="stem"/>, or <c>stem2</c>, <c>stem3</c>, ... : the first not in <paramref name="taken"/>.</summary>
    public static string FreshAgainst(string stem, System.Collections.Generic.IEnumerable<string> taken)
    {
        var set = new System.Collections.Generic.HashSet<string>(taken.Select(NameAllocator.Unescaped));
        string name = stem;
        for (int i = 2; set.Contains(name); i++)
        {
            name = stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>The C# keyword of a scalar kind; a real is the method's precision.</summary>
    public static string TypeTextOf(ValueKind kind, Model.Precision precision) => kind switch
    {
        ValueKind.Double => Model.PrecisionText.Keyword(precision),
        ValueKind.Int => "int",
        _ => "bool",
    };

    private static string Uncapitalize(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
