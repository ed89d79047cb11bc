using System;

namespace ModeScim.Emulator.Http
{
    internal enum FaultKind
    {
        None,
        Throttle,
        ServerError,
        DropBeforeApply,
        DropAfterApply,
        Slow,
    }

    internal readonly record struct Fault(FaultKind Kind, int Status = 0, bool RetryAfterAsDate = false);

    /// <summary>Decides, per request, whether and how to misbehave instead of simply serving it. One roll per
    /// request, split by the configured rates. Seedable, so a failing chaos run can be repeated exactly.</summary>
    internal sealed class FaultInjector
    {
        private static readonly int[] ServerErrors = { 500, 502, 503, 504 };

        private readonly object _lock = new();
        private Random _random;

        public FaultInjector(EmulatorOptions options)
        {
            Options = options;
            _random = NewRandom();
        }

        public EmulatorOptions Options { get; }

        public void Reseed()
        {
            lock (_lock)
            {
                _random = NewRandom();
            }
        }

        public Fault Next(string method)
        {
            var o = Options;
            if (o.Rate429 + o.Rate5xx + o.RateDropBefore + o.RateDropAfter + o.RateSlow <= 0)
            {
                return new Fault(FaultKind.None);
            }
            if (o.FaultMethods.Count > 0 && !o.FaultMethods.Contains(method))
            {
                return new Fault(FaultKind.None);
            }
            lock (_lock)
            {
                var roll = _random.NextDouble();
                if ((roll -= o.Rate429) < 0)
                {
                    var asDate = o.RetryAfterFormat == RetryAfterFormat.Date
                        || (o.RetryAfterFormat == RetryAfterFormat.Mixed && _random.Next(2) == 0);
                    return new Fault(FaultKind.Throttle, 429, asDate);
                }
                if ((roll -= o.Rate5xx) < 0)
                {
                    return new Fault(FaultKind.ServerError, ServerErrors[_random.Next(ServerErrors.Length)]);
                }
                if ((roll -= o.RateDropBefore) < 0)
                {
                    return new Fault(FaultKind.DropBeforeApply);
                }
                if ((roll -= o.RateDropAfter) < 0)
                {
                    return new Fault(FaultKind.DropAfterApply);
                }
                if ((roll -= o.RateSlow) < 0)
                {
                    return new Fault(FaultKind.Slow);
                }
                return new Fault(FaultKind.None);
            }
        }

        /// <summary>True when this /api or /batch request is to be answered 429 (the API's own fault rate).</summary>
        public bool NextApi()
        {
            if (Options.ApiRate429 <= 0)
            {
                return false;
            }
            lock (_lock)
            {
                return _random.NextDouble() < Options.ApiRate429;
            }
        }

        private Random NewRandom() => Options.FaultSeed.HasValue ? new Random(Options.FaultSeed.Value) : new Random();
    }
}
