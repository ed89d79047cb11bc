using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Http;
using ModeScim.Client.ModeApi;
using ModeScim.PowerShell.Connections;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Opens a connection to a Mode workspace's SCIM API and makes it the current one.</summary>
    [Cmdlet(VerbsCommunications.Connect, "ModeScim")]
    [OutputType(typeof(ModeScimConnection))]
    public sealed class ConnectModeScimCommand : ModeScimCmdlet
    {
        internal const string BaseUriVariable = "MODE_SCIM_BASE_URI";
        internal const string TokenVariable = "MODE_SCIM_TOKEN";
        internal const string WorkspaceVariable = "MODE_WORKSPACE";
        internal const string ApiTokenVariable = "MODE_API_TOKEN";
        internal const string ApiSecretVariable = "MODE_API_SECRET";
        internal const string ApiBaseUriVariable = "MODE_API_BASE_URI";
        internal const string DefaultApiBaseUri = "https://app.mode.com/api/";

        /// <summary>The SCIM base URI; defaults to $env:MODE_SCIM_BASE_URI.</summary>
        [Parameter(Position = 0)]
        [AllowEmptyString]
        public string? BaseUri { get; set; }

        /// <summary>The SCIM bearer token; defaults to $env:MODE_SCIM_TOKEN.</summary>
        [Parameter]
        public SecureString? Token { get; set; }

        [Parameter]
        public SwitchParameter SkipDiscovery { get; set; }

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetries { get; set; } = 4;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        /// <summary>The largest response accepted, in MB; a bigger one fails with ModeScim.ResponseTooLarge.</summary>
        [Parameter]
        [ValidateRange(1, 2047)]
        public int MaxResponseSizeMB { get; set; } = 64;

        /// <summary>The most pages one listing may take; more fails with ModeScim.ListingTooLong.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxListPages { get; set; } = 100000;

        [Parameter]
        public Uri? Proxy { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        [Parameter]
        public SwitchParameter AllowInsecureHttp { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The workspace for Mode's REST API; defaults to $env:MODE_WORKSPACE. Optional: SCIM works without it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Workspace { get; set; }

        /// <summary>The REST API token (the Basic user name); defaults to $env:MODE_API_TOKEN.</summary>
        [Parameter]
        public SecureString? ApiToken { get; set; }

        /// <summary>The REST API secret (the Basic password); defaults to $env:MODE_API_SECRET.</summary>
        [Parameter]
        public SecureString? ApiSecret { get; set; }

        /// <summary>Where Mode's REST API lives; defaults to $env:MODE_API_BASE_URI, else https://app.mode.com/api/.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ApiBaseUri { get; set; }

        /// <summary>The most REST requests (retries included) sent in any -ApiRateWindowSec; 0 sends without pacing. Mode
        /// allows about 40 per 10 seconds.</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int ApiRateLimit { get; set; } = ModeApiClientOptions.DefaultRateLimit;

        /// <summary>The span -ApiRateLimit counts in, and how long a 429 without Retry-After is waited out.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int ApiRateWindowSec { get; set; } = 10;

        /// <summary>The most time one REST request may spend waiting out 429s and failures before it is reported.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int ApiMaxWaitSec { get; set; } = 120;

        /// <summary>The most pages one REST listing may take; more fails with ModeScim.ListingTooLong. Separate from
        /// -MaxListPages: a REST list is paged 100 at a time and a SCIM listing's cap is far too high for it.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int ApiMaxListPages { get; set; } = ModeApiClientOptions.DefaultMaxListPages;

        protected override void EndProcessing() => Run(Connect);

        private void Connect()
        {
            var settings = new ConnectionSettings(this, MyInvocation.BoundParameters, WriteWarning, CreateProxy());
            var baseUri = settings.ResolveBaseUri();
            var token = settings.ResolveToken();
            var options = new ScimClientOptions(baseUri, token.Reveal)
            {
                RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
                RetryPolicy = new ScimRetryPolicy { MaxRetries = MaxRetries },
                PageSize = PageSize,
                MaxConcurrentRequests = ThrottleLimit,
                MaxResponseBytes = MaxResponseSizeMB * 1024L * 1024L,
                MaxListPages = MaxListPages,
                Proxy = CreateProxy(),
            };
            ModeApiAccess? api;
            try
            {
                api = settings.ResolveApi();
            }
            catch (ModeScimRefusal)
            {
                // The SCIM token was read first; a refused REST setting must not leave it in memory.
                token.Dispose();
                throw;
            }
            var client = new ScimClient(options);
            var probe = new ConnectionProbe(Work, WriteVerbose);
            ScimDiscoveryResult discovery;
            try
            {
                discovery = SkipDiscovery ? ScimDiscoveryResult.NotRead() : probe.Discover(client);
                if (api != null && !SkipDiscovery)
                {
                    probe.VerifyApi(client, api);
                }
            }
            catch (ModeScimRefusal)
            {
                client.Dispose();
                token.Dispose();
                api?.Dispose();
                throw;
            }
            var connection = new ModeScimConnection(baseUri, token, client, discovery, ThrottleLimit, api) { HeldByCaller = PassThru };
            ConnectionRegistry.Replace(connection);
            WriteVerbose("Connected to " + baseUri.AbsoluteUri
                + (SkipDiscovery ? " (discovery skipped)." : ": discovery " + discovery.State + ", PATCH "
                + YesNo(connection.PatchSupported) + ", bulk " + YesNo(connection.BulkSupported) + ", filter max results "
                + (connection.FilterMaxResults?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not stated") + "."));
            if (PassThru)
            {
                WriteObject(connection);
            }
        }

        private WebProxy? CreateProxy()
        {
            if (Proxy == null)
            {
                return null;
            }
            return new WebProxy(Proxy) { Credentials = ProxyCredential?.GetNetworkCredential() };
        }

        private static string YesNo(bool value) => value ? "yes" : "no";
    }
}
