using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Simplification;

namespace SymGrad.Generator.Differentiation.Forward;

/// <summary>
/// Builds the forward-mode methods a <c>[Differentiable(Tangent = true, Hessian = true)]</c> attribute
/// asks for, from programs the generator already wrote:
/// <list type="bullet">
/// <item><c>FTangent</c>: the tangent transform of the primal program, seeded with <c>t{P}</c>;</item>
/// <item><c>FHessianVectorProduct</c>: the tangent transform of the simplified gradient (forward over
/// reverse), seeded with <c>v{P}</c>; the tangent of each gradient output <c>d{P}</c> is <c>hv{P}</c>;</item>
/// <item><c>FHessian</c> is emitted as one Hessian-vector product per column (see the emitter).</item>
/// </list>
/// What the transform cannot differentiate becomes SYMGRAD0023 at the method; the gradient stays.
/// </summary>
internal static class SecondOrderBuilder
{
    public static DerivativeSet Add(DerivativeSet set)
    {
        MethodModel method = set.Gradient.Method;
        var extras = new List<GradientModel>();
        var problems = new List<DiagnosticInfo>();
        if (method.Vector is { } vector)
        {
            // FJacobian reads the tangent program whether or not FTangent was asked for (it is then private);
            // without one (a call through a compiled vector pullback) it uses pullbacks only, and only an
            // FTangent the attribute asked for is a diagnostic.
            if ((method.Extras & SecondOrder.Tangent) != 0)
            {
                Try(() => VectorTangent(method, vector), "Tangent = true", extras, problems, method);
            }
            else
            {
                Try(() => VectorTangent(method, vector), "FJacobian", extras, new List<DiagnosticInfo>(), method);
            }
            if ((method.Extras & SecondOrder.Hessian) != 0)
            {
                problems.Add(new DiagnosticInfo(DiagnosticDescriptors.SecondOrderUnsupported.Id, method.AttributeLocation ?? method.Location, new[] { method.Name, "Hessian = true", "a vector-valued method (the Hessian is defined for a scalar result; its Jacobian is FJacobian)" }.ToEquatableArray()));
            }

            return set with { Extras = extras.ToEquatableArray(), Problems = problems.ToEquatableArray() };
        }

        GradientModel? blocked = null;
        if ((method.Extras & SecondOrder.Tangent) != 0)
        {
            Try(() => Tangent(method), "Tangent = true", extras, problems, method);
        }

        if ((method.Extras & SecondOrder.Hessian) != 0)
        {
            Try(() => HessianVectorProduct(set.Gradient, out blocked), "Hessian = true", extras, problems, method);
            if (blocked is not null)
            {
                extras.Add(blocked);
            }
        }

        return set with { Extras = extras.ToEquatableArray(), Problems = problems.ToEquatableArray() };
    }

    private static void Try(System.Func<GradientModel> build, string asked, List<GradientModel> extras, List<DiagnosticInfo> problems, MethodModel method)
    {
        try
        {
            extras.Add(build());
        }
        catch (TangentUnsupportedException unsupported)
        {
            problems.Add(new DiagnosticInfo(DiagnosticDescriptors.SecondOrderUnsupported.Id, method.AttributeLocation ?? method.Location, new[] { method.Name, asked, unsupported.Message }.ToEquatableArray()));
        }
    }

    private static GradientModel Tangent(MethodModel method)
    {
        GradientModel primal = GradientSimplifier.Simplify(Differentiation.GradientBuilder.BuildPrimal(method));
        NameAllocator names = Names.Avoiding(primal);
        var seeds = new Dictionary<string, string>();
        foreach (ParameterModel parameter in method.Parameters.Where(p => p.IsDifferentiated))
        {
            seeds[parameter.Name] = names.Allocate("t" + parameter.Name.TrimStart('@'));
        }

        string tangentOutput = names.Allocate("tangent");
        (List<CodeStmt> code, TangentTransform transform) = TangentTransform.Apply(primal.Forward, seeds, seeds.Keys, names);
        var returned = new List<string> { primal.Result };
        if (transform.TangentOf(primal.Result) is Variable resultTangent)
        {
            returned.Add(resultTangent.Name);
        }

        return primal with
        {
            Forward = DeadDeclarations.Remove(SelectSums.Merge(GradientSimplifier.SimplifyBlock(code)), returned.Concat(method.Parameters.Select(p => p.Name))).ToEquatableArray(),
            Request = DerivativeRequest.Tangent,
            Directions = seeds.Select(s => new TangentName(s.Key, s.Value)).ToEquatableArray(),
            TangentOutput = tangentOutput,
            ResultTangent = (transform.TangentOf(primal.Result) as Variable)?.Name,
            RentedBuffers = WithTangentBuffers(primal.RentedBuffers, transform),
            TangentTapeName = transform.UsesTangentTape ? names.Allocate("tangentTape") : null,
        };
    }

    /// <summary>
    /// The tangent program of a vector-valued method: its own statements (without the seed sum that
    /// makes its pullback), each value followed by its tangent; the output's tangent is <c>tangent</c>.
    /// </summary>
    private static GradientModel VectorTangent(MethodModel method, VectorOutput vector)
    {
        IEnumerable<Stmt> userStatements = Lowering.BodyLowerer.WithoutVectorReturns(method.Body.Take(vector.UserStatements))
            ?? method.Body.Take(vector.UserStatements).Append(new ReturnStatement(Constant.Zero, SourceNote.None));
        MethodModel primalMethod = method with
        {
            Body = userStatements.ToEquatableArray(),
            Parameters = method.Parameters.Where(p => p.Name != vector.Seed).ToEquatableArray(),
        };
        GradientModel primal = GradientSimplifier.Simplify(Differentiation.GradientBuilder.BuildPrimal(primalMethod));
        NameAllocator names = Names.Avoiding(primal);
        names.Reserve(vector.Seed);
        var seeds = new Dictionary<string, string>();
        foreach (ParameterModel parameter in primalMethod.Parameters.Where(p => p.IsDifferentiated))
        {
            seeds[parameter.Name] = names.Allocate("t" + parameter.Name.TrimStart('@'));
        }

        var directions = seeds.Select(s => new TangentName(s.Key, s.Value)).ToList();
        string tangentOutput = names.Allocate("tangent");
        seeds[vector.Output] = tangentOutput;
        (List<CodeStmt> code, TangentTransform transform) = TangentTransform.Apply(primal.Forward, seeds, directions.Select(d => d.Of), names);
        return primal with
        {
            Method = method,
            Forward = DeadDeclarations.Remove(SelectSums.Merge(GradientSimplifier.SimplifyBlock(code)), primalMethod.Parameters.Select(p => p.Name).Append(tangentOutput)).ToEquatableArray(),
            Request = DerivativeRequest.Tangent,
            Directions = directions.ToEquatableArray(),
            TangentOutput = tangentOutput,
            RentedBuffers = WithTangentBuffers(primal.RentedBuffers, transform),
            TangentTapeName = transform.UsesTangentTape ? names.Allocate("tangentTape") : null,
        };
    }

    /// <summary>The product program, and in <paramref name="blocked"/> its lane form for <c>FHessian</c> (null when <see cref="LaneTransform"/> does not cover it).</summary>
    private static GradientModel HessianVectorProduct(GradientModel gradient, out GradientModel? blocked)
    {
        MethodModel method = gradient.Method;
        NameAllocator names = Names.Avoiding(gradient);
        var seeds = new Dictionary<string, string>();
        var directions = new Dictionary<string, string>();
        foreach (ParameterModel parameter in method.Parameters.Where(p => p.IsDifferentiated))
        {
            directions[parameter.Name] = seeds[parameter.Name] = names.Allocate("v" + parameter.Name.TrimStart('@'));
        }

        foreach (ParameterModel parameter in method.Parameters.Where(p => p.IsDifferentiated))
        {
            seeds[parameter.GradientName] = names.Allocate("hv" + parameter.Name.TrimStart('@'));
        }

        List<CodeStmt> program = gradient.Forward.Concat(gradient.Reverse).ToList();
        (List<CodeStmt> code, TangentTransform transform) = TangentTransform.Apply(program, seeds, directions.Keys, names);
        // The product outputs and the value are what the method gives back; the gradient it computed on the way is dead.
        var keep = new List<string> { gradient.Result };
        keep.AddRange(method.Parameters.Select(p => p.Name));
        keep.AddRange(seeds.Values);
        GradientModel product = gradient with
        {
            Forward = DeadDeclarations.Remove(SelectSums.Merge(GradientSimplifier.SimplifyBlock(code)), keep).ToEquatableArray(),
            Reverse = EquatableArray<CodeStmt>.Empty,
            Request = DerivativeRequest.HessianVectorProduct,
            Directions = directions.Select(s => new TangentName(s.Key, s.Value)).ToEquatableArray(),
            ProductOutputs = method.Parameters.Where(p => p.IsDifferentiated).Select(p => new TangentName(p.Name, seeds[p.GradientName])).ToEquatableArray(),
            RentedBuffers = WithTangentBuffers(gradient.RentedBuffers, transform),
            TangentTapeName = transform.UsesTangentTape ? names.Allocate("tangentTape") : null,
        };
        IEnumerable<string> tangents = transform.TangentNames.Values.Concat(seeds.Values)
            .Concat(gradient.RentedBuffers.Select(transform.TangentBufferOf).Where(b => b is not null).Select(b => b!));
        blocked = LaneTransform.Apply(product, tangents, names);
        return product;
    }

    private static EquatableArray<string> WithTangentBuffers(EquatableArray<string> buffers, TangentTransform transform) =>
        buffers.Concat(buffers.Select(transform.TangentBufferOf).Where(b => b is not null).Select(b => b!)).ToEquatableArray();
}
