using System;
using System.Collections.Generic;
using System.Net;
using ModeScim.Client.ModeApi;
using ModeScim.PowerShell.Commands;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Operations;
using Cmd = ModeScim.PowerShell.Commands.ConnectModeScimCommand;

namespace ModeScim.PowerShell.Connections
{
    /// <summary>Connect-ModeScim's settings, each from its parameter or else the environment, checked before any request:
    /// a setting that cannot be used is a <see cref="ModeScimRefusal"/> (secrets are never shown in it).</summary>
    internal sealed class ConnectionSettings
    {
        private readonly ConnectModeScimCommand _command;
        private readonly IDictionary<string, object> _bound;
        private readonly Action<string> _warn;
        private readonly IWebProxy? _proxy;

        public ConnectionSettings(ConnectModeScimCommand command, IDictionary<string, object> bound, Action<string> warn,
            IWebProxy? proxy)
        {
            _command = command;
            _bound = bound;
            _warn = warn;
            _proxy = proxy;
        }

        /// <summary>The REST API's client when all of workspace, token and secret are given (as parameters or in the
        /// environment); null when none is. Some but not all is a mistake worth stopping for when a parameter was
        /// used, and worth a warning when only the environment holds part of them.</summary>
        public ModeApiAccess? ResolveApi()
        {
            var bound = _bound;
            var anyBound = bound.ContainsKey(nameof(Cmd.Workspace)) || bound.ContainsKey(nameof(Cmd.ApiToken))
                || bound.ContainsKey(nameof(Cmd.ApiSecret));
            var workspace = _command.Workspace ?? EnvironmentValue(Cmd.WorkspaceVariable);
            var token = _command.ApiToken != null ? new SecureToken(_command.ApiToken) : FromEnvironment(Cmd.ApiTokenVariable);
            SecureToken? secret;
            try
            {
                secret = _command.ApiSecret != null ? new SecureToken(_command.ApiSecret) : FromEnvironment(Cmd.ApiSecretVariable);
            }
            catch (ModeScimRefusal)
            {
                token?.Dispose();
                throw;
            }
            var missing = new System.Collections.Generic.List<string>();
            if (workspace == null)
            {
                missing.Add("-Workspace ($env:" + Cmd.WorkspaceVariable + ")");
            }
            if (token == null || _command.ApiToken?.Length == 0)
            {
                missing.Add("-ApiToken ($env:" + Cmd.ApiTokenVariable + ")");
            }
            if (secret == null || _command.ApiSecret?.Length == 0)
            {
                missing.Add("-ApiSecret ($env:" + Cmd.ApiSecretVariable + ")");
            }
            // When nothing is missing, none of the three is null; the compiler is told so by the last three tests.
            if (missing.Count > 0 || workspace == null || token == null || secret == null)
            {
                token?.Dispose();
                secret?.Dispose();
                if (missing.Count < 3)
                {
                    var why = "Mode's REST API needs a workspace, a token and a secret; missing: " + string.Join(", ", missing) + ".";
                    if (anyBound)
                    {
                        throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput(why, null));
                    }
                    _warn(why + " Connecting to SCIM only.");
                }
                return null;
            }
            // The workspace becomes a path segment of every REST request: a '/' or '?' would address another resource.
            if (!ModeApiClientOptions.IsUsableWorkspace(workspace.Trim()))
            {
                token.Dispose();
                secret.Dispose();
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput("The workspace '" + InputValidation.Printable(workspace)
                    + "' cannot be a workspace's name in Mode's URLs (no blanks, invisible characters or any of "
                    + ModeApiClientOptions.ForbiddenInWorkspace + "): give the short name the workspace's address shows.", workspace));
            }
            // HTTP Basic joins the two with ':', so a token holding one could never be read back as it was meant.
            if (token.Reveal().IndexOf(':') >= 0)
            {
                token.Dispose();
                secret.Dispose();
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput(
                    "The API token holds a ':', which HTTP Basic cannot carry; check how it was copied. It is not shown here.", null));
            }
            if (token.HasControlCharacter() || secret.HasControlCharacter())
            {
                token.Dispose();
                secret.Dispose();
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput(
                    "The API token or secret holds a line break or another control character; check how it was copied."
                    + " It is not shown here.",
                    null));
            }
            Uri apiBase;
            try
            {
                apiBase = ResolveApiBaseUri();
            }
            catch (ModeScimRefusal)
            {
                token.Dispose();
                secret.Dispose();
                throw;
            }
            var options = new ModeApiClientOptions(apiBase, workspace.Trim(), () => new ModeApiCredentials(token.Reveal(),
                secret.Reveal()))
            {
                RequestTimeout = TimeSpan.FromSeconds(_command.TimeoutSec),
                MaxResponseBytes = _command.MaxResponseSizeMB * 1024L * 1024L,
                MaxListPages = _command.ApiMaxListPages,
                RateLimit = _command.ApiRateLimit,
                RateWindow = TimeSpan.FromSeconds(_command.ApiRateWindowSec),
                Proxy = _proxy,
            };
            options.RetryPolicy.ThrottleWait = options.RateWindow;
            options.RetryPolicy.MaxTotalWait = TimeSpan.FromSeconds(_command.ApiMaxWaitSec);
            return new ModeApiAccess(new ModeApiClient(options), token, secret);
        }

        private Uri ResolveApiBaseUri() =>
            ParseSecureUri(_command.ApiBaseUri ?? EnvironmentValue(Cmd.ApiBaseUriVariable) ?? Cmd.DefaultApiBaseUri);

        /// <summary>A setting from the environment, trimmed; null when unset or blank. A pipeline macro that was never
        /// expanded (a variable the pipeline does not define) is refused, naming it.</summary>
        private static string? EnvironmentValue(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (InputValidation.IsBlank(value))
            {
                return null;
            }
            if (PipelineMacro.IsUnexpanded(value))
            {
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput(PipelineMacro.Explain(name, value.Trim()), value));
            }
            return value.Trim();
        }

        /// <summary>A secret from the environment; null when unset or blank. An unexpanded macro is ModeScim.MissingToken,
        /// naming the macro (a macro name is not a secret: saying which one is missing is the whole point).</summary>
        private static SecureToken? FromEnvironment(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (InputValidation.IsBlank(value))
            {
                return null;
            }
            if (PipelineMacro.IsUnexpanded(value))
            {
                throw new ModeScimRefusal(ErrorRecordFactory.MissingToken(name, PipelineMacro.Explain(name, value.Trim())));
            }
            return SecureToken.FromPlainText(value.Trim());
        }

        public Uri ResolveBaseUri()
        {
            var text = _command.BaseUri;
            if (!_bound.ContainsKey(nameof(Cmd.BaseUri)))
            {
                text = EnvironmentValue(Cmd.BaseUriVariable);
                if (text == null)
                {
                    throw new ModeScimRefusal(
                        ErrorRecordFactory.InvalidInput("No SCIM base URI: pass -BaseUri or set $env:" + Cmd.BaseUriVariable + ".", null));
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
                BaseUriPolicy.EnsureSecure(uri, _command.AllowInsecureHttp);
                return uri;
            }
            catch (BaseUriException ex)
            {
                var record = ex.IsInsecure
                    ? ErrorRecordFactory.InsecureBaseUri(ex.Message, ex.Value, ex)
                    : ErrorRecordFactory.InvalidInput(ex.Message, ex.Value, ex);
                throw new ModeScimRefusal(record);
            }
        }

        public SecureToken ResolveToken()
        {
            var token = ReadToken();
            if (token.HasControlCharacter())
            {
                token.Dispose();
                throw new ModeScimRefusal(
                    ErrorRecordFactory.InvalidInput(
                    "The token holds a line break or another control character; check how it was copied. It is not shown here.", null));
            }
            return token;
        }

        private SecureToken ReadToken()
        {
            if (_command.Token != null)
            {
                if (_command.Token.Length == 0)
                {
                    throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput("The token is empty.", null));
                }
                return new SecureToken(_command.Token);
            }
            var fromEnvironment = FromEnvironment(Cmd.TokenVariable);
            if (fromEnvironment == null)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.MissingToken(Cmd.TokenVariable));
            }
            return fromEnvironment;
        }
    }
}
