# Starts and stops the ModeScim emulator as a child process. Shared by build.ps1 (Demo, Emulator)
# and the Pester tests. Windows PowerShell 5.1 compatible.

function Start-ModeScimEmulator {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $EmulatorPath,
        [string] $Token = 'emulator-token',
        [int] $Seed = 0,
        # 0 lets the system pick a free port (tests run many emulators at once); a fixed one suits rehearsals.
        [ValidateRange(0, 65535)]
        [int] $Port = 0,
        [string[]] $ExtraArguments = @(),
        [int] $TimeoutSec = 30,
        # Mode's REST API (/api) on the same emulator: its workspace name and Basic credentials.
        [string] $Workspace = 'modescim',
        [string] $ApiToken = 'emulator-api-token',
        [string] $ApiSecret = 'emulator-api-secret'
    )
    if (-not (Test-Path -LiteralPath $EmulatorPath)) {
        throw "The emulator is not built at '$EmulatorPath'. Run: dotnet pwsh ./build.ps1 Build"
    }
    $arguments = @("`"$EmulatorPath`"", '--port', $Port, '--token', $Token, '--seed', $Seed,
        '--workspace', $Workspace, '--api-token', $ApiToken, '--api-secret', $ApiSecret) + $ExtraArguments
    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = 'dotnet'
    $startInfo.Arguments = $arguments -join ' '
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardInput = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)
    $readLine = $process.StandardOutput.ReadLineAsync()
    if (-not $readLine.Wait([TimeSpan]::FromSeconds($TimeoutSec)) -or $null -eq $readLine.Result -or -not $readLine.Result.StartsWith('LISTENING ')) {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The emulator did not report LISTENING within $TimeoutSec s (exit code: $(if ($process.HasExited) { $process.ExitCode } else { 'still running' }))."
    }
    $baseUri = $readLine.Result.Substring('LISTENING '.Length).Trim()
    $authority = ([Uri]$baseUri).GetLeftPart([UriPartial]::Authority)
    [pscustomobject]@{
        PSTypeName = 'ModeScim.EmulatorProcess'
        Process    = $process
        BaseUri    = $baseUri
        AdminUri   = "$authority/_emulator"
        Token      = $Token
        ApiBaseUri = "$authority/api/"
        Workspace  = $Workspace
        ApiToken   = $ApiToken
        ApiSecret  = $ApiSecret
    }
}

function Stop-ModeScimEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process {
        if ($null -ne $Emulator -and -not $Emulator.Process.HasExited) {
            $Emulator.Process.Kill()
            $null = $Emulator.Process.WaitForExit(10000)
        }
    }
}

function Get-ModeScimEmulatorStats {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Method Get -Uri "$($Emulator.AdminUri)/stats"
}

function Reset-ModeScimEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [switch] $Data)
    $query = if ($Data) { '?data=true' } else { '' }
    $null = Invoke-RestMethod -Method Post -Uri "$($Emulator.AdminUri)/reset$query"
}

function Set-ModeScimEmulatorConfig {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Settings)
    Invoke-RestMethod -Method Post -Uri "$($Emulator.AdminUri)/config" -ContentType 'application/json' -Body ($Settings | ConvertTo-Json)
}

Export-ModuleMember -Function Start-ModeScimEmulator, Stop-ModeScimEmulator, Get-ModeScimEmulatorStats, Reset-ModeScimEmulator, Set-ModeScimEmulatorConfig
