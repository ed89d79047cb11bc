using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Http;
using ModeScim.Client.ModeApi;
using ModeScim.PowerShell.Connections;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;

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

        protected override void EndProcessing()
        {
            var baseUri = ResolveBaseUri();
            var token = ResolveToken();
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

            var api = ResolveApi();
            var client = new ScimClient(options);
            var discovery = SkipDiscovery ? ScimDiscoveryResult.NotRead() : Discover(client, token, api);
            if (api != null && !SkipDiscovery)
            {
                VerifyApi(client, token, api);
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

        /// <summary>Reads the server's configuration. Servers built only for Okta and Entra need not publish one,
        /// or may answer it with 401, 500 or a web page: that is a fact about the server, not a failure. The token
        /// is then checked with one small listing instead, so a wrong token still fails here.</summary>
        private ScimDiscoveryResult Discover(ScimClient client, SecureToken token, ModeApiAccess? api)
        {
            try
            {
                var discovery = Await(client, client.DiscoverAsync);
                if (discovery.State == ScimDiscoveryState.Published)
                {
                    return discovery;
                }
                WriteVerbose(discovery.State == ScimDiscoveryState.Absent
                    ? "The server publishes no ServiceProviderConfig; what it supports is learned as it is used."
                    : "The server's ServiceProviderConfig could not be read (" + discovery.Problem
                        + "); what it supports is learned as it is used.");
                Await(client, async cancellation =>
                {
                    await foreach (var _ in client.Users.ListAsync(new ScimListQuery { MaxItems = 1, PageSize = 1 }, cancellation)
                        .ConfigureAwait(false))
                    {
                        break;
                    }
                    return true;
                });
                return discovery;
            }
            catch (ScimException ex)
            {
                client.Dispose();
                token.Dispose();
                api?.Dispose();
                ThrowTerminatingError(ErrorRecordFactory.FromScimException(ex, client.Options.BaseUri, ScimResourceKind.Other));
                throw;
            }
        }

        /// <summary>Checks the REST credentials with GET /api/verify, so a wrong token or secret fails here, not in the
        /// middle of a handover.</summary>
        private void VerifyApi(ScimClient client, SecureToken token, ModeApiAccess api)
        {
            try
            {
                // The SCIM client's scope logs the request: both clients report to the same request log.
                Await(client, async cancellation =>
                {
                    await api.Client.VerifyAsync(cancellation).ConfigureAwait(false);
                    return true;
                });
                WriteVerbose("Mode's REST API accepted the credentials for workspace '" + api.Client.Workspace + "'.");
            }
            catch (ScimException ex)
            {
                client.Dispose();
                token.Dispose();
                api.Dispose();
                ThrowTerminatingError(ErrorRecordFactory.FromScimException(ex, api.Client.Options.ApiBaseUri, ScimResourceKind.Other));
            }
        }

        /// <summary>The REST API's client when all of workspace, token and secret are given (as parameters or in the
        /// environment); null when none is. Some but not all is a mistake worth stopping for when a parameter was
        /// used, and worth a warning when only the environment holds part of them.</summary>
        private ModeApiAccess? ResolveApi()
        {
            var bound = MyInvocation.BoundParameters;
            var anyBound = bound.ContainsKey(nameof(Workspace)) || bound.ContainsKey(nameof(ApiToken))
                || bound.ContainsKey(nameof(ApiSecret));
            var workspace = Workspace ?? EnvironmentValue(WorkspaceVariable);
            var token = ApiToken != null ? new SecureToken(ApiToken) : FromEnvironment(ApiTokenVariable);
            var secret = ApiSecret != null ? new SecureToken(ApiSecret) : FromEnvironment(ApiSecretVariable);
            var missing = new System.Collections.Generic.List<string>();
            if (workspace == null)
            {
                missing.Add("-Workspace ($env:" + WorkspaceVariable + ")");
            }
            if (token == null || ApiToken?.Length == 0)
            {
                missing.Add("-ApiToken ($env:" + ApiTokenVariable + ")");
            }
            if (secret == null || ApiSecret?.Length == 0)
            {
                missing.Add("-ApiSecret ($env:" + ApiSecretVariable + ")");
            }
            if (missing.Count > 0)
            {
                token?.Dispose();
                secret?.Dispose();
                if (missing.Count < 3)
                {
                    var why = "Mode's REST API needs a workspace, a token and a secret; missing: " + string.Join(", ", missing) + ".";
                    if (anyBound)
                    {
                        ThrowTerminatingError(ErrorRecordFactory.InvalidInput(why, null));
                    }
                    WriteWarning(why + " Connecting to SCIM only.");
                }
                return null;
            }
            // The workspace becomes a path segment of every REST request: a '/' or '?' would address another resource.
            if (!ModeApiClientOptions.IsUsableWorkspace(workspace!.Trim()))
            {
                token!.Dispose();
                secret!.Dispose();
                ThrowTerminatingError(ErrorRecordFactory.InvalidInput("The workspace '" + InputValidation.Printable(workspace)
                    + "' cannot be a workspace's name in Mode's URLs (no blanks, invisible characters or any of "
                    + ModeApiClientOptions.ForbiddenInWorkspace + "): give the short name the workspace's address shows.", workspace));
            }
            // HTTP Basic joins the two with ':', so a token holding one could never be read back as it was meant.
            if (token!.Reveal().IndexOf(':') >= 0)
            {
                token.Dispose();
                secret!.Dispose();
                ThrowTerminatingError(ErrorRecordFactory.InvalidInput(
                    "The API token holds a ':', which HTTP Basic cannot carry; check how it was copied. It is not shown here.", null));
            }
            if (token!.HasControlCharacter() || secret!.HasControlCharacter())
            {
                token.Dispose();
                secret!.Dispose();
                ThrowTerminatingError(ErrorRecordFactory.InvalidInput(
                    "The API token or secret holds a line break or another control character; check how it was copied."
                    + " It is not shown here.",
                    null));
            }
            var apiBase = ResolveApiBaseUri();
            var options = new ModeApiClientOptions(apiBase, workspace!.Trim(), () => new ModeApiCredentials(token.Reveal(),
                secret.Reveal()))
            {
                RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
                MaxResponseBytes = MaxResponseSizeMB * 1024L * 1024L,
                MaxListPages = ApiMaxListPages,
                RateLimit = ApiRateLimit,
                RateWindow = TimeSpan.FromSeconds(ApiRateWindowSec),
                Proxy = CreateProxy(),
            };
            options.RetryPolicy.ThrottleWait = options.RateWindow;
            options.RetryPolicy.MaxTotalWait = TimeSpan.FromSeconds(ApiMaxWaitSec);
            return new ModeApiAccess(new ModeApiClient(options), token, secret);
        }

        private Uri ResolveApiBaseUri() => ParseSecureUri(ApiBaseUri ?? EnvironmentValue(ApiBaseUriVariable) ?? DefaultApiBaseUri);

        /// <summary>A setting from the environment, trimmed; null when unset or blank. A pipeline macro that was never
        /// expanded (a variable the pipeline does not define) is refused, naming it.</summary>
        private string? EnvironmentValue(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            if (PipelineMacro.IsUnexpanded(value))
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidInput(PipelineMacro.Explain(name, value.Trim()), value));
            }
            return value!.Trim();
        }

        /// <summary>A secret from the environment; null when unset or blank. An unexpanded macro is ModeScim.MissingToken,
        /// naming the macro (a macro name is not a secret: saying which one is missing is the whole point).</summary>
        private SecureToken? FromEnvironment(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            if (PipelineMacro.IsUnexpanded(value))
            {
                ThrowTerminatingError(ErrorRecordFactory.MissingToken(name, PipelineMacro.Explain(name, value.Trim())));
            }
            return SecureToken.FromPlainText(value!.Trim());
        }

        private Uri ResolveBaseUri()
        {
            var text = BaseUri;
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(BaseUri)))
            {
                text = EnvironmentValue(BaseUriVariable);
                if (text == null)
                {
                    ThrowTerminatingError(
                        ErrorRecordFactory.InvalidInput("No SCIM base URI: pass -BaseUri or set $env:" + BaseUriVariable + ".", null));
                }
            }
            return ParseSecureUri(text!);
        }

        /// <summary>An absolute URI that is https, or http to this machine (or anywhere with -AllowInsecureHttp).</summary>
        private Uri ParseSecureUri(string text)
        {
            try
            {
                var uri = BaseUriPolicy.Parse(text);
                BaseUriPolicy.EnsureSecure(uri, AllowInsecureHttp);
                return uri;
            }
            catch (BaseUriException ex)
            {
                var record = ex.IsInsecure
                    ? ErrorRecordFactory.InsecureBaseUri(ex.Message, ex.Value, ex)
                    : ErrorRecordFactory.InvalidInput(ex.Message, ex.Value, ex);
                ThrowTerminatingError(record);
                throw;
            }
        }

        private SecureToken ResolveToken()
        {
            var token = ReadToken();
            if (token.HasControlCharacter())
            {
                token.Dispose();
                ThrowTerminatingError(
                    ErrorRecordFactory.InvalidInput(
                    "The token holds a line break or another control character; check how it was copied. It is not shown here.", null));
            }
            return token;
        }

        private SecureToken ReadToken()
        {
            if (Token != null)
            {
                if (Token.Length == 0)
                {
                    ThrowTerminatingError(ErrorRecordFactory.InvalidInput("The token is empty.", null));
                }
                return new SecureToken(Token);
            }
            var fromEnvironment = FromEnvironment(TokenVariable);
            if (fromEnvironment == null)
            {
                ThrowTerminatingError(ErrorRecordFactory.MissingToken(TokenVariable));
            }
            return fromEnvironment!;
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
