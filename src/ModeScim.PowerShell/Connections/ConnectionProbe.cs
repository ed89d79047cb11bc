using System;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Connections
{
    /// <summary>The first requests of a connection: what the server publishes about itself, and whether the SCIM token and
    /// the REST credentials are accepted. A failure is a <see cref="ModeScimRefusal"/>: no connection is made.</summary>
    internal sealed class ConnectionProbe
    {
        private readonly PipelineWork _work;
        private readonly Action<string> _verbose;

        public ConnectionProbe(PipelineWork work, Action<string> verbose)
        {
            _work = work;
            _verbose = verbose;
        }

        /// <summary>Reads the server's configuration. Servers built only for Okta and Entra need not publish one,
        /// or may answer it with 401, 500 or a web page: that is a fact about the server, not a failure. The token
        /// is then checked with one small listing instead, so a wrong token still fails here.</summary>
        public ScimDiscoveryResult Discover(ScimClient client)
        {
            try
            {
                var discovery = _work.Await(client, client.DiscoverAsync);
                if (discovery.State == ScimDiscoveryState.Published)
                {
                    return discovery;
                }
                _verbose(discovery.State == ScimDiscoveryState.Absent
                    ? "The server publishes no ServiceProviderConfig; what it supports is learned as it is used."
                    : "The server's ServiceProviderConfig could not be read (" + discovery.Problem
                        + "); what it supports is learned as it is used.");
                _work.Await(client, async cancellation =>
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
                var error = ErrorRecordFactory.FromScimException(ex, client.Options.BaseUri, ScimResourceKind.Other);
                if (ex.Kind == ScimErrorKind.NotFound)
                {
                    error.Hint = ConnectionHints.NoScimAt(client.Options.BaseUri);
                }
                throw new ModeScimRefusal(error);
            }
        }

        /// <summary>Checks the REST credentials with GET /api/verify, so a wrong token or secret fails here, not in the
        /// middle of a handover.</summary>
        public void VerifyApi(ScimClient client, ModeApiAccess api)
        {
            try
            {
                // The SCIM client's scope logs the request: both clients report to the same request log.
                _work.Await(client, async cancellation =>
                {
                    await api.Client.VerifyAsync(cancellation).ConfigureAwait(false);
                    return true;
                });
                _verbose("Mode's REST API accepted the credentials for workspace '" + api.Client.Workspace + "'.");
            }
            catch (ScimException ex)
            {
                var error = ErrorRecordFactory.FromScimException(ex, api.Client.Options.ApiBaseUri, ScimResourceKind.Other);
                if (ex.Kind == ScimErrorKind.Unauthorized || ex.Kind == ScimErrorKind.Forbidden)
                {
                    error.RecommendedAction = null;
                    error.Hint = ConnectionHints.RestCredentialsRefused(api.Client.Workspace);
                }
                throw new ModeScimRefusal(error);
            }
        }
    }
}
