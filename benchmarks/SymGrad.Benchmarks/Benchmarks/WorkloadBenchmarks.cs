using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Workloads;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// The peers every workload runs side by side. A derived class names the shapes and builds the
    /// problem; BenchmarkDotNet runs the [Benchmark] methods declared here and in the derived class.
    /// </summary>
    [MemoryDiagnoser]
    public abstract class WorkloadBenchmarks
    {
        private GradientProblem? problem;

        /// <summary>The workload's size.</summary>
        [ParamsSource(nameof(Shapes))]
        public Shape Shape { get; set; } = new("unset", 0, 0, 0, 0, isSmall: true);

        /// <summary>TorchSharp's intra-op threads: "1" or "default" (LibTorch's own choice).</summary>
        [Params(Torch.TorchThreads.One, Torch.TorchThreads.Default)]
        public string TorchThreads { get; set; } = Torch.TorchThreads.One;

        /// <summary>The shapes of the full benchmark run.</summary>
        public abstract IEnumerable<Shape> Shapes { get; }

        /// <summary>A tiny shape for the smoke run, which invokes every benchmark once.</summary>
        public abstract Shape SmokeShape { get; }

        /// <summary>
        /// Shapes the check command adds for the register-blocked gradients: m, n, h and k that are not multiples of the
        /// tile (8 rows) or of a vector (4 or 8 lanes). Never benchmarked.
        /// </summary>
        public virtual IEnumerable<Shape> OddShapes => Array.Empty<Shape>();

        /// <summary>The problem built by <see cref="Setup"/> (for the self-check).</summary>
        public GradientProblem CurrentProblem => Problem;

        /// <summary>The problem built by <see cref="Setup"/>.</summary>
        protected GradientProblem Problem => problem ?? throw new InvalidOperationException("GlobalSetup has not run.");

        /// <summary>Sets TorchSharp's threads and takes the shape's problem, shared by every benchmark of this class (<see cref="SharedInputs"/>).</summary>
        [GlobalSetup]
        public void Setup()
        {
            Torch.TorchThreads.Apply(TorchThreads);
            Shape shape = Shape;
            problem = SharedInputs.Get(GetType(), $"{shape.Name} m={shape.M} n={shape.N} k={shape.K} h={shape.H}", () => CreateProblem(shape));
        }

        /// <summary>Lets go of the problem; <see cref="SharedInputs"/> keeps it for the class's other benchmarks.</summary>
        [GlobalCleanup]
        public void Cleanup() => problem = null;

        [Benchmark]
        public double Primal() => Problem.Primal();

        [Benchmark]
        public double Generated() => Problem.Generated();

        [Benchmark]
        public double HandLoops() => Problem.HandLoops();

        [Benchmark]
        public double HandSimd() => Problem.HandSimd();

        [Benchmark]
        [BenchmarkCategory(SuiteCategories.SmallOnly)]
        public double FiniteDifferences() => Problem.FiniteDifferences();

        [Benchmark]
        [BenchmarkCategory(SuiteCategories.Torch, SuiteCategories.SmallOnly)]
        public double TorchLiteral() => Problem.TorchLiteral();

        [Benchmark]
        [BenchmarkCategory(SuiteCategories.Torch)]
        public double TorchIdiomatic() => Problem.TorchIdiomatic();

        /// <summary>Builds the workload's data, parameters and TorchSharp tensors for one shape.</summary>
        protected abstract GradientProblem CreateProblem(Shape shape);
    }
}
