<#
.SYNOPSIS
    Runs the nightly offboarding (offboarding.ps1) from Windows Task Scheduler, cron or Azure Automation: a log file,
    an exit code a scheduler can act on, and an optional run summary posted to a Teams or Slack webhook.
.DESCRIPTION
    Runs offboarding.ps1 (beside this script) with the same parameters, writes every line it prints to -LogPath with
    the time (UTC), and ends with one of these exit codes:

      0  done: every change was made (or, with -WhatIf, planned)
      1  done with failures (some users could not be changed: the log names them), or an error this script does not
         classify (the log has its id and message)
      2  refused by a guard before any change: ModeScim.DisableThresholdExceeded, ModeScim.EmptyDesiredSet,
         ModeScim.UpdateThresholdExceeded (a short or wrong HR export); nothing was changed
      3  could not connect or sign in: no token (ModeScim.MissingToken, or a secret that could not be read), a refused
         token (ModeScim.Unauthorized, ModeScim.Forbidden), an http base URI (ModeScim.InsecureBaseUri), or no answer
         (ModeScim.ConnectionFailed, ModeScim.Timeout). Nothing was changed when it happened on connecting; a token
         revoked or a server gone mid-run leaves the changes made before it, each journalled

    The SCIM token comes from -Token, else -SecretName (read with Get-Secret from Microsoft.PowerShell.SecretManagement,
    when that module is installed: it is never required), else MODE_SCIM_TOKEN. The base URI comes from
    MODE_SCIM_BASE_URI. Nothing this script writes holds the token or the webhook's address.

    The webhook (a Teams Workflows "When a Teams webhook request is received" flow, or a Slack incoming webhook) is
    -WebhookUri, else the secret -WebhookSecretName, else MODESCIM_WEBHOOK_URI; it must be https (plain http only to
    this machine). A failed post is logged as a warning and does not change the exit code. See docs/recipes.md.
    Windows PowerShell 5.1 compatible.
.EXAMPLE
    pwsh -NoProfile -NonInteractive -File ./Invoke-ScheduledOffboarding.ps1 -HrCsv /data/hr-export.csv -JournalPath /var/lib/modescim/journal/ -LogPath /var/log/modescim/offboarding.log
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $HrCsv = (Join-Path $PSScriptRoot 'hr-export.csv'),
    [string] $JournalPath = $env:MODESCIM_JOURNAL,
    [string] $ReportPath = (Join-Path (Get-Location) 'access-report.csv'),
    # Appended to, one line per line printed, each with the time (UTC). A folder's worth of nights: rotate it as any log.
    [string] $LogPath = (Join-Path (Get-Location) 'modescim-offboarding.log'),
    [string] $ModulePath = 'ModeScim',
    [string[]] $Exclude = @('breakglass*', 'svc-*'),
    [string] $MaxDisable = '5%',
    [securestring] $Token,
    # A secret in a SecretManagement vault holding the SCIM token.
    [string] $SecretName,
    [string] $Vault,
    [securestring] $WebhookUri,
    [string] $WebhookSecretName,
    [ValidateSet('Teams', 'Slack')]
    [string] $WebhookKind = 'Teams'
)
$ErrorActionPreference = 'Stop'

$GuardIds = @('ModeScim.DisableThresholdExceeded', 'ModeScim.EmptyDesiredSet', 'ModeScim.UpdateThresholdExceeded')
$ConnectIds = @('ModeScim.MissingToken', 'ModeScim.Unauthorized', 'ModeScim.Forbidden', 'ModeScim.InsecureBaseUri',
    'ModeScim.ConnectionFailed', 'ModeScim.Timeout')

function Write-Log([string] $Text) {
    $stamp = [DateTime]::UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [Globalization.CultureInfo]::InvariantCulture)
    foreach ($line in ($Text -split "`r?`n")) {
        if (-not $line.Trim()) { continue }
        Write-Host $line
        Add-Content -LiteralPath $LogPath -Value ($stamp + ' ' + $line) -Encoding UTF8
    }
}

function Read-Secret([string] $Name) {
    # SecretManagement is optional: without it, a secret name is a configuration error, said plainly.
    if (-not (Get-Command -Name Get-Secret -ErrorAction SilentlyContinue)) {
        throw "-SecretName/-WebhookSecretName need Microsoft.PowerShell.SecretManagement (Get-Secret), which is not installed."
    }
    if ($Vault) { Get-Secret -Name $Name -Vault $Vault } else { Get-Secret -Name $Name }
}

function ConvertTo-PlainText([securestring] $Secure) {
    $pointer = [Runtime.InteropServices.Marshal]::SecureStringToBSTR($Secure)
    try { [Runtime.InteropServices.Marshal]::PtrToStringBSTR($pointer) }
    finally { [Runtime.InteropServices.Marshal]::ZeroFreeBSTR($pointer) }
}

function Send-RunSummary([string] $Outcome, $Result) {
    $address = $null
    if ($WebhookUri) { $address = ConvertTo-PlainText $WebhookUri }
    elseif ($WebhookSecretName) { $address = ConvertTo-PlainText (Read-Secret $WebhookSecretName) }
    elseif ($env:MODESCIM_WEBHOOK_URI) { $address = $env:MODESCIM_WEBHOOK_URI }
    if (-not $address) { return }
    $uri = $null
    $local = $false
    if ([Uri]::TryCreate($address, [UriKind]::Absolute, [ref] $uri)) { $local = $uri.IsLoopback }
    if (-not $uri -or -not ($uri.Scheme -eq 'https' -or ($uri.Scheme -eq 'http' -and $local))) {
        Write-Log 'WARNING: the webhook address is not an https URI; no summary was posted.'
        return
    }
    $lines = @("ModeScim offboarding on $([Environment]::MachineName): $Outcome")
    if ($Result) {
        $lines += "created $($Result.Created.Count), updated $($Result.Updated.Count), enabled $($Result.Enabled.Count), " +
            "disabled $($Result.Disabled.Count), failed $($Result.Failed.Count)"
        $shown = @($Result.Disabled | Select-Object -First 20)
        if ($shown.Count -gt 0) { $lines += 'Disabled: ' + ($shown -join ', ') }
        $failed = @($Result.Failed | Select-Object -First 20 | ForEach-Object { $_.UserName })
        if ($failed.Count -gt 0) { $lines += 'Failed: ' + ($failed -join ', ') }
    }
    # Names come from the HR export and the server, so none may format, link or mention: Slack's markup needs only
    # &, < and > escaped; an Adaptive Card's TextRun is never read as markdown, so the text goes as it is.
    if ($WebhookKind -eq 'Slack') {
        $body = @{ text = (@($lines | ForEach-Object { $_.Replace('&', '&amp;').Replace('<', '&lt;').Replace('>', '&gt;') }) -join "`n") }
    }
    else {
        $blocks = @($lines | ForEach-Object { @{ type = 'RichTextBlock'; inlines = @(@{ type = 'TextRun'; text = $_ }) } })
        $card = @{ type = 'AdaptiveCard'; version = '1.4'; body = $blocks }
        $body = @{ type = 'message'; attachments = @(@{ contentType = 'application/vnd.microsoft.card.adaptive'; content = $card }) }
    }
    # Windows PowerShell 5.1 may offer only TLS 1.0 by default, which Teams and Slack refuse.
    if ($PSVersionTable.PSEdition -ne 'Core') {
        [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
    }
    $json = ConvertTo-Json -InputObject $body -Depth 8 -Compress
    try {
        $null = Invoke-RestMethod -Method Post -Uri $uri -ContentType 'application/json; charset=utf-8' `
            -Body ([Text.Encoding]::UTF8.GetBytes($json)) -TimeoutSec 30
        Write-Log 'Run summary posted to the webhook.'
    }
    catch {
        # The exception's text can hold the address, and the address is the secret: name only what failed.
        Write-Log "WARNING: the run summary could not be posted to the webhook ($($_.Exception.GetType().Name))."
    }
}

$exitCode = 1
$outcome = 'failed'
$result = $null
$logFolder = Split-Path -Parent $LogPath
if ($logFolder -and -not (Test-Path -LiteralPath $logFolder)) { $null = New-Item -ItemType Directory -Path $logFolder -Force }
Write-Log "Offboarding run started (HR export $HrCsv)."
try {
    $secure = $Token
    if (-not $secure -and $SecretName) {
        try { $secure = Read-Secret $SecretName }
        catch {
            Write-Log "ERROR: the token secret '$SecretName' could not be read: $($_.Exception.Message)"
            $exitCode = 3
            $outcome = 'could not read the token secret'
            throw
        }
    }
    $arguments = @{
        HrCsv = $HrCsv; ReportPath = $ReportPath; ModulePath = $ModulePath; Exclude = $Exclude; MaxDisable = $MaxDisable
        PassThru = $true; WhatIf = [bool]$WhatIfPreference
    }
    if ($JournalPath) { $arguments.JournalPath = $JournalPath }
    if ($secure) { $arguments.Token = $secure }
    # Every stream to the log as text, in order; the sync result (from -PassThru) is kept for the exit code.
    & (Join-Path $PSScriptRoot 'offboarding.ps1') @arguments *>&1 | ForEach-Object {
        if ($_ -is [System.Management.Automation.ErrorRecord]) {
            Write-Log ('ERROR: ' + (($_.FullyQualifiedErrorId -split ',')[0]) + ': ' + $_.Exception.Message)
        }
        elseif ($_ -and $_.GetType().FullName -eq 'ModeScim.PowerShell.Models.ModeUserSyncResult') { $result = $_ }
        elseif ($_ -is [System.Management.Automation.WarningRecord]) { Write-Log ('WARNING: ' + $_.Message) }
        else { Write-Log "$_" }
    }
    if ($result -and $result.Failed.Count -gt 0) {
        $exitCode = 1
        $outcome = "done with $($result.Failed.Count) failures"
    }
    else {
        $exitCode = 0
        $outcome = 'done'
    }
}
catch {
    if ($exitCode -ne 3) {
        $id = ($_.FullyQualifiedErrorId -split ',')[0]
        Write-Log "ERROR: ${id}: $($_.Exception.Message)"
        if ($GuardIds -contains $id) { $exitCode = 2; $outcome = "refused by a guard ($id); nothing was changed" }
        elseif ($ConnectIds -contains $id) { $exitCode = 3; $outcome = "could not connect or sign in ($id)" }
        else { $exitCode = 1; $outcome = "failed ($id)" }
    }
}
finally {
    Write-Log "Offboarding run ended: $outcome; exit code $exitCode."
}
# The summary is a courtesy: a vault or network failure here is logged and leaves the run's exit code alone.
try { Send-RunSummary $outcome $result }
catch { Write-Log "WARNING: the run summary was not posted: $($_.Exception.Message)" }
exit $exitCode
