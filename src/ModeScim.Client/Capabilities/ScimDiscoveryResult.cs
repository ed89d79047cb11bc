using ModeScim.Client.Models;

namespace ModeScim.Client.Capabilities
{
    public enum ScimDiscoveryState
    {
        /// <summary>Not asked (Connect-ModeScim -SkipDiscovery).</summary>
        Skipped,
        Published,

        /// <summary>404 or 501: the server has no discovery, as neither IdP needs it.</summary>
        Absent,

        /// <summary>Something answered, but not a ServiceProviderConfig: 401, 5xx, or an HTML page.</summary>
        Broken,
    }

    /// <summary>What reading ServiceProviderConfig gave.</summary>
    public sealed class ScimDiscoveryResult
    {
        private ScimDiscoveryResult(ScimDiscoveryState state, ServiceProviderConfig? config, string? problem)
        {
            State = state;
            Config = config;
            Problem = problem;
        }

        public ScimDiscoveryState State { get; }

        public ServiceProviderConfig? Config { get; }

        /// <summary>Why a broken discovery was set aside.</summary>
        public string? Problem { get; }

        public static ScimDiscoveryResult Published(ServiceProviderConfig config)
            => new ScimDiscoveryResult(ScimDiscoveryState.Published, config, null);

        public static ScimDiscoveryResult Absent() => new ScimDiscoveryResult(ScimDiscoveryState.Absent, null, null);

        public static ScimDiscoveryResult Broken(string problem) => new ScimDiscoveryResult(ScimDiscoveryState.Broken, null, problem);

        public static ScimDiscoveryResult NotRead() => new ScimDiscoveryResult(ScimDiscoveryState.Skipped, null, null);
    }
}
