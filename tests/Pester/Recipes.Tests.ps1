# docs/recipes.md, tried: examples/Invoke-ScheduledOffboarding.ps1 runs as Task Scheduler and cron run it (a fresh
# non-interactive process, its exit code read), against the emulator, with its token from a SecretManagement vault
# and its summary posted to a webhook that is a listener on 127.0.0.1. Azure Automation is documented only.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 250
    $script:Pwsh = if ($PSVersionTable.PSEdition -eq 'Core') { Join-Path $PSHOME 'pwsh' } else { Join-Path $PSHOME 'powershell.exe' }
    $script:Wrapper = Join-Path $script:RepoRoot 'examples/Invoke-ScheduledOffboarding.ps1'
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-recipes-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Work

    # A stand-in for Microsoft.PowerShell.SecretManagement: its Get-Secret returns the vault's one secret as a
    # SecureString, as the real one does, and refuses any other name.
    $script:Modules = Join-Path $script:Work 'modules'
    $fake = Join-Path $script:Modules 'Microsoft.PowerShell.SecretManagement'
    $null = New-Item -ItemType Directory -Path $fake -Force
    Set-Content -LiteralPath (Join-Path $fake 'Microsoft.PowerShell.SecretManagement.psd1') -Value @"
@{ ModuleVersion = '1.1.2'; RootModule = 'Microsoft.PowerShell.SecretManagement.psm1'; FunctionsToExport = @('Get-Secret') }
"@
    Set-Content -LiteralPath (Join-Path $fake 'Microsoft.PowerShell.SecretManagement.psm1') -Value @'
function Get-Secret {
    param([string] $Name, [string] $Vault)
    if ($Name -ne 'ModeScimToken' -or $Vault -ne 'TestVault') { throw "No secret '$Name' in vault '$Vault'." }
    ConvertTo-SecureString -String $env:RECIPES_TEST_VAULT_SECRET -AsPlainText -Force
}
'@

    # Runs the wrapper in a fresh process with these environment variables, serving one webhook request meanwhile
    # when -Listener is given; returns the exit code, what it printed, and the request the webhook received.
    function Invoke-Wrapper {
        param([string[]] $Arguments, [hashtable] $Environment, [System.Net.HttpListener] $Listener)
        $saved = @{}
        foreach ($name in $Environment.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $Environment[$name])
        }
        $stdout = Join-Path $script:Work ('out-' + [guid]::NewGuid().ToString('N') + '.txt')
        $stderr = "$stdout.err"
        try {
            $process = Start-Process -FilePath $script:Pwsh -PassThru -NoNewWindow -RedirectStandardOutput $stdout -RedirectStandardError $stderr `
                -ArgumentList (@('-NoProfile', '-NonInteractive', '-File', $script:Wrapper) + $Arguments)
            # Read once now: without a handle taken while it runs, a Process from Start-Process may not report its exit code.
            $null = $process.Handle
            $request = $null
            if ($Listener) {
                $pending = $Listener.GetContextAsync()
                if ($pending.Wait([TimeSpan]::FromSeconds(180))) {
                    $context = $pending.Result
                    $reader = New-Object System.IO.StreamReader($context.Request.InputStream, [System.Text.Encoding]::UTF8)
                    $request = [pscustomobject]@{ Method = $context.Request.HttpMethod; ContentType = $context.Request.ContentType; Body = $reader.ReadToEnd() }
                    $context.Response.StatusCode = 200
                    $context.Response.Close()
                }
            }
            $process.WaitForExit()
            [pscustomobject]@{
                ExitCode = $process.ExitCode
                Output   = (Get-Content -LiteralPath $stdout -Raw) + (Get-Content -LiteralPath $stderr -Raw)
                Request  = $request
            }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    function New-Listener {
        # A free port from the system, then a listener on it: only this machine can post to it.
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/hook/")
        $listener.Start()
        [pscustomobject]@{ Listener = $listener; Uri = "http://127.0.0.1:$port/hook/workflow-secret-path" }
    }
}

AfterAll {
    Stop-ModeScimEmulator $script:Emulator
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The scheduled-task wrapper' -Tag 'Slow' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
    }

    It 'runs the nightly job with the token from a vault, exits 0, logs it, and posts the summary to the webhook' {
        $log = Join-Path $script:Work 'logs/success.log'
        $hook = New-Listener
        try {
            $run = Invoke-Wrapper -Listener $hook.Listener -Arguments @(
                '-ModulePath', $script:ModuleManifest, '-JournalPath', (Join-Path $script:Work 'journal/'),
                '-ReportPath', (Join-Path $script:Work 'report.csv'), '-LogPath', $log, '-SecretName', 'ModeScimToken', '-Vault', 'TestVault'
            ) -Environment @{
                MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $null; TF_BUILD = $null
                RECIPES_TEST_VAULT_SECRET = $script:Emulator.Token; MODESCIM_WEBHOOK_URI = $hook.Uri
                PSModulePath = $script:Modules + [System.IO.Path]::PathSeparator + $env:PSModulePath
            }
        }
        finally {
            $hook.Listener.Stop()
        }

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $logText = Get-Content -LiteralPath $log -Raw
        $logText | Should -Match '(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ Disabled\s+: \S+@example\.com'
        $logText | Should -Match 'Offboarding run ended: done; exit code 0\.'
        $logText | Should -Match 'Run summary posted to the webhook\.'
        @(Get-ModeScimJournal -Path (Join-Path $script:Work 'journal/') -Action Disable).Count | Should -Be 8
        # The token (from the vault) and the webhook's address (a secret too) are in nothing it wrote.
        foreach ($text in $run.Output, $logText, $run.Request.Body) {
            $text | Should -Not -BeLike "*$($script:Emulator.Token)*"
            $text | Should -Not -BeLike '*workflow-secret-path*'
        }

        $run.Request.Method | Should -Be 'POST'
        $run.Request.ContentType | Should -BeLike 'application/json*'
        $card = ($run.Request.Body | ConvertFrom-Json).attachments[0]
        $card.contentType | Should -Be 'application/vnd.microsoft.card.adaptive'
        $texts = @($card.content.body | ForEach-Object { $_.inlines } | ForEach-Object { $_.text })
        $texts[0] | Should -BeLike '*: done'
        $texts | Should -Contain 'created 3, updated 3, enabled 0, disabled 8, failed 0'
    }

    It 'exits 2 when a guard refuses a truncated export, changes nothing, and logs the guard''s id' {
        $csv = Join-Path $script:Work 'hr-truncated.csv'
        Import-Csv -LiteralPath (Join-Path $script:RepoRoot 'examples/hr-export.csv') -Encoding UTF8 | Select-Object -First 3 |
            Export-Csv -LiteralPath $csv -NoTypeInformation -Encoding utf8
        $log = Join-Path $script:Work 'guard.log'

        $run = Invoke-Wrapper -Arguments @(
            '-ModulePath', $script:ModuleManifest, '-HrCsv', $csv, '-JournalPath', (Join-Path $script:Work 'guard.jsonl'),
            '-ReportPath', (Join-Path $script:Work 'guard.csv'), '-LogPath', $log
        ) -Environment @{ MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token; TF_BUILD = $null; MODESCIM_WEBHOOK_URI = $null }

        $run.ExitCode | Should -Be 2 -Because $run.Output
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $logText = Get-Content -LiteralPath $log -Raw
        $logText | Should -Match 'ERROR: ModeScim\.DisableThresholdExceeded: '
        $logText | Should -Match 'refused by a guard \(ModeScim\.DisableThresholdExceeded\); nothing was changed; exit code 2\.'
        $run.Output | Should -Not -BeLike "*$($script:Emulator.Token)*"
    }

    It 'exits 3 when no token can be had, naming the missing token, and sends nothing' {
        $log = Join-Path $script:Work 'no-token.log'

        $run = Invoke-Wrapper -Arguments @('-ModulePath', $script:ModuleManifest, '-LogPath', $log, '-ReportPath', (Join-Path $script:Work 'none.csv')) `
            -Environment @{ MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $null; TF_BUILD = $null; MODESCIM_WEBHOOK_URI = $null }

        $run.ExitCode | Should -Be 3 -Because $run.Output
        (Get-Content -LiteralPath $log -Raw) | Should -Match 'could not connect or sign in \(ModeScim\.MissingToken\); exit code 3\.'
        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
    }

    It 'exits 3 when the token is to come from a vault but SecretManagement is not installed' {
        $log = Join-Path $script:Work 'no-vault.log'

        $run = Invoke-Wrapper -Arguments @('-ModulePath', $script:ModuleManifest, '-LogPath', $log, '-SecretName', 'ModeScimToken') `
            -Environment @{ MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $null; TF_BUILD = $null; MODESCIM_WEBHOOK_URI = $null }

        $run.ExitCode | Should -Be 3 -Because $run.Output
        (Get-Content -LiteralPath $log -Raw) | Should -Match 'need Microsoft\.PowerShell\.SecretManagement'
    }

    It 'is Windows PowerShell 5.1 syntax: no ??, ternary or pipeline chain' {
        foreach ($path in $script:Wrapper, (Join-Path $script:RepoRoot 'examples/offboarding.ps1')) {
            $tokens = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($path, [ref] $tokens, [ref] $null)
            $newer = 'QuestionQuestion', 'QuestionQuestionEquals', 'QuestionMark', 'AndAnd', 'OrOr', 'QuestionDot', 'QuestionLBracket'
            @($tokens | Where-Object { $_.Kind -in $newer }) |
                Should -BeNullOrEmpty -Because $path
            $ast | Should -Not -BeNullOrEmpty
        }
    }
}
