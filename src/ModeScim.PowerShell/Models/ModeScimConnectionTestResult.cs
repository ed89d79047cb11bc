using System;

namespace ModeScim.PowerShell.Models
{
    /// <summary>What Test-ModeScimConnection found.</summary>
    public sealed class ModeScimConnectionTestResult
    {
        public Uri? BaseUri { get; set; }

        /// <summary>The server answered over HTTP at all.</summary>
        public bool Reachable { get; set; }

        /// <summary>The token was accepted for reading users.</summary>
        public bool Authenticated { get; set; }

        /// <summary>Round trip of the authenticated probe, in milliseconds.</summary>
        public long? LatencyMs { get; set; }

        public bool ConfigurationPublished { get; set; }

        /// <summary>Published, Absent (404: the server has none, as neither IdP needs it) or Broken (401, 5xx, a web page).</summary>
        public ModeScim.Client.Capabilities.ScimDiscoveryState Discovery { get; set; }

        public bool PatchSupported { get; set; }

        public bool BulkSupported { get; set; }

        public int? FilterMaxResults { get; set; }

        /// <summary>Why a probe failed, when one did.</summary>
        public string? Problem { get; set; }

        /// <summary>Whether Mode's REST API accepted the credentials (GET /api/verify); empty when the connection has no
        /// REST API.</summary>
        public bool? RestApiAuthenticated { get; set; }

        public long? RestApiLatencyMs { get; set; }

        /// <summary>Why the REST API check failed.</summary>
        public string? RestApiProblem { get; set; }

        /// <summary>SCIM reachable and the token accepted, and the REST API's credentials too when it is connected.</summary>
        public bool Success => Reachable && Authenticated && RestApiAuthenticated != false;
    }
}
