using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using ModeScim.Client;
using ModeScim.Client.Http;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Connections;
using ModeScim.PowerShell.Errors;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Opens a connection to a Mode workspace's SCIM API and makes it the current one.</summary>
    [Cmdlet(VerbsCommunications.Connect, "ModeScim")]
    [OutputType(typeof(ModeScimConnection))]
    public sealed class ConnectModeScimCommand : ModeScimCmdlet
    {
        internal const string BaseUriVariable = "MODE_SCIM_BASE_URI";
        internal const string TokenVariable = "MODE_SCIM_TOKEN";

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

        [Parameter]
        public Uri? Proxy { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        [Parameter]
        public SwitchParameter AllowInsecureHttp { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

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
                Proxy = CreateProxy(),
            };

            ServiceProviderConfig? config = null;
            if (!SkipDiscovery)
            {
                config = Discover(options, token);
            }
            var connection = new ModeScimConnection(baseUri, token, options, config, SkipDiscovery, ThrottleLimit) { HeldByCaller = PassThru };
            ConnectionRegistry.Replace(connection);
            WriteVerbose("Connected to " + baseUri.AbsoluteUri + (SkipDiscovery ? " (discovery skipped)." : ": PATCH " + YesNo(connection.PatchSupported) + ", bulk " + YesNo(connection.BulkSupported) + ", filter max results " + (connection.FilterMaxResults?.ToString() ?? "not stated") + "."));
            if (PassThru)
            {
                WriteObject(connection);
            }
        }

        private ServiceProviderConfig? Discover(ScimClientOptions options, SecureToken token)
        {
            using (var probe = new ScimClient(options))
            {
                try
                {
                    var config = Await(probe, probe.GetServiceProviderConfigAsync);
                    if (config == null)
                    {
                        WriteWarning("The server publishes no ServiceProviderConfig; assuming PATCH is supported and bulk is not.");
                    }
                    return config;
                }
                catch (ScimException ex)
                {
                    token.Dispose();
                    ThrowTerminatingError(ErrorRecordFactory.FromScimException(ex, options.BaseUri, ScimResourceKind.Other));
                    return null;
                }
            }
        }

        private Uri ResolveBaseUri()
        {
            var text = BaseUri;
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(BaseUri)))
            {
                text = Environment.GetEnvironmentVariable(BaseUriVariable);
                if (string.IsNullOrWhiteSpace(text))
                {
                    ThrowTerminatingError(ErrorRecordFactory.InvalidInput("No SCIM base URI: pass -BaseUri or set $env:" + BaseUriVariable + ".", null));
                }
            }
            try
            {
                var uri = BaseUriPolicy.Parse(text!);
                BaseUriPolicy.EnsureSecure(uri, AllowInsecureHttp);
                return uri;
            }
            catch (BaseUriException ex)
            {
                var record = ex.IsInsecure
                    ? new ErrorRecord(new SecurityException(ex.Message, ex), ModeScimErrorIds.InsecureBaseUri, ErrorCategory.SecurityError, ex.Value)
                    : ErrorRecordFactory.InvalidInput(ex.Message, ex.Value, ex);
                ThrowTerminatingError(record);
                throw;
            }
        }

        private SecureToken ResolveToken()
        {
            if (Token != null)
            {
                if (Token.Length == 0)
                {
                    ThrowTerminatingError(ErrorRecordFactory.InvalidInput("The token is empty.", null));
                }
                return new SecureToken(Token);
            }
            var fromEnvironment = Environment.GetEnvironmentVariable(TokenVariable);
            if (string.IsNullOrWhiteSpace(fromEnvironment))
            {
                var exception = new ArgumentException("No SCIM token: pass -Token (a SecureString) or set $env:" + TokenVariable + ".");
                ThrowTerminatingError(new ErrorRecord(exception, ModeScimErrorIds.MissingToken, ErrorCategory.AuthenticationError, null));
            }
            return SecureToken.FromPlainText(fromEnvironment!.Trim());
        }

        private IWebProxy? CreateProxy()
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
