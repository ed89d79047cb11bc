BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 5
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Connect-ModeScim' {
    BeforeEach {
        Disconnect-ModeScim
        Reset-ModeScimEmulator $script:Emulator
        $script:savedUri = $env:MODE_SCIM_BASE_URI
        $script:savedToken = $env:MODE_SCIM_TOKEN
        Remove-Item Env:MODE_SCIM_BASE_URI, Env:MODE_SCIM_TOKEN -ErrorAction SilentlyContinue
    }

    AfterEach {
        $env:MODE_SCIM_BASE_URI = $script:savedUri
        $env:MODE_SCIM_TOKEN = $script:savedToken
    }

    It 'connects with parameters, reads the server capabilities and returns the connection with -PassThru' {
        $connection = Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString $script:Emulator.Token) -PassThru

        $connection.BaseUri.AbsoluteUri.TrimEnd('/') | Should -Be $script:Emulator.BaseUri.TrimEnd('/')
        $connection.PatchSupported | Should -BeTrue
        $connection.BulkSupported | Should -BeFalse
        $connection.FilterMaxResults | Should -Be 100
        $connection.ConfigurationPublished | Should -BeTrue
        (Get-ModeScimConnection) | Should -Be $connection
        (Get-ModeScimEmulatorStats $script:Emulator).GET | Should -Be 1
    }

    It 'connects from MODE_SCIM_BASE_URI and MODE_SCIM_TOKEN, as a pipeline step does' {
        $env:MODE_SCIM_BASE_URI = $script:Emulator.BaseUri
        $env:MODE_SCIM_TOKEN = $script:Emulator.Token

        Connect-ModeScim

        (Get-ModeScimConnection).BaseUri.AbsoluteUri.TrimEnd('/') | Should -Be $script:Emulator.BaseUri.TrimEnd('/')
        @(Get-ModeUser).Count | Should -Be 5
    }

    It 'prints nothing without -PassThru' {
        $output = Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString $script:Emulator.Token)
        $output | Should -BeNullOrEmpty
    }

    It 'sends no request with -SkipDiscovery' {
        Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString $script:Emulator.Token) -SkipDiscovery

        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
        (Get-ModeScimConnection).DiscoverySkipped | Should -BeTrue
    }

    It 'fails with ModeScim.Unauthorized for a wrong token, and leaves no connection behind' {
        { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString 'wrong-token') } |
            Should -Throw -ErrorId 'ModeScim.Unauthorized,ModeScim.PowerShell.Commands.ConnectModeScimCommand'
        Get-ModeScimConnection | Should -BeNullOrEmpty
    }

    It 'says a SCIM base usually ends in /scim/v2 when the base URI answers 404 on /Users, showing what was tried' {
        $root = ([Uri]$script:Emulator.BaseUri).GetLeftPart([UriPartial]::Authority)

        $thrown = { Connect-ModeScim -BaseUri $root -Token (ConvertTo-TestSecureString $script:Emulator.Token) -MaxRetries 0 } |
            Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ModeScim.ResourceNotFound,*'
        "$thrown" | Should -BeLike "*tried GET $root/Users*"
        "$thrown" | Should -BeLike "*usually ends in /scim/v2, such as $root/scim/v2.*"
        $thrown.ErrorDetails.RecommendedAction | Should -BeLike '*/scim/v2*'
        Get-ModeScimConnection | Should -BeNullOrEmpty
    }

    It 'names -ApiToken and -ApiSecret, not the SCIM token, when the REST API refuses the secret' {
        $thrown = { Connect-TestEmulatorWithApi -Emulator $script:Emulator -ApiSecret 'wrong-secret' } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ModeScim.Unauthorized,*'
        "$thrown" | Should -BeLike '*check -ApiToken and -ApiSecret*'
        "$thrown" | Should -Not -BeLike '*MODE_SCIM_TOKEN*'
        "$thrown" | Should -Not -BeLike '*wrong-secret*'
        Get-ModeScimConnection | Should -BeNullOrEmpty
    }

    It 'refuses plain http to a remote host with ModeScim.InsecureBaseUri before any request' {
        $thrown = $null
        try { Connect-ModeScim -BaseUri 'http://scim.example.test/api/scim/v2' -Token (ConvertTo-TestSecureString 'x') } catch { $thrown = $_ }

        $thrown.FullyQualifiedErrorId | Should -Be 'ModeScim.InsecureBaseUri,ModeScim.PowerShell.Commands.ConnectModeScimCommand'
        $thrown.CategoryInfo.Category | Should -Be 'SecurityError'
        $thrown.TargetObject | Should -Be 'http://scim.example.test/api/scim/v2'
    }

    It 'accepts plain http to a remote host with -AllowInsecureHttp and -SkipDiscovery' {
        Connect-ModeScim -BaseUri 'http://scim.example.test/api/scim/v2' -Token (ConvertTo-TestSecureString 'x') -AllowInsecureHttp -SkipDiscovery
        (Get-ModeScimConnection).BaseUri.Host | Should -Be 'scim.example.test'
    }

    It 'refuses <Case> with ModeScim.InvalidInput' -TestCases @(
        @{ Case = 'a relative URI'; Uri = 'scim/v2' }
        @{ Case = 'a non-http scheme'; Uri = 'ftp://scim.example.test/' }
        @{ Case = 'an empty string'; Uri = '' }
        @{ Case = 'credentials in the URI'; Uri = 'https://user:pw@scim.example.test/' }
        @{ Case = 'a query string'; Uri = 'https://scim.example.test/scim?token=abc' }
    ) {
        param($Case, $Uri)
        { Connect-ModeScim -BaseUri $Uri -Token (ConvertTo-TestSecureString 'x') } |
            Should -Throw -ErrorId 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.ConnectModeScimCommand'
    }

    It 'says which variable to set when no base URI is given' {
        { Connect-ModeScim -Token (ConvertTo-TestSecureString 'x') } | Should -Throw -ExpectedMessage '*MODE_SCIM_BASE_URI*'
    }

    It 'fails with ModeScim.MissingToken when no token is given' {
        { Connect-ModeScim -BaseUri $script:Emulator.BaseUri } |
            Should -Throw -ErrorId 'ModeScim.MissingToken,ModeScim.PowerShell.Commands.ConnectModeScimCommand'
    }

    It 'fails with ModeScim.ConnectionFailed when nothing listens at the address' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()

        { Connect-ModeScim -BaseUri "http://127.0.0.1:$port/scim/v2" -Token (ConvertTo-TestSecureString 'x') -MaxRetries 0 } |
            Should -Throw -ErrorId 'ModeScim.ConnectionFailed,ModeScim.PowerShell.Commands.ConnectModeScimCommand'
    }

    It 'replaces the previous connection and closes it' {
        Connect-TestEmulator -Emulator $script:Emulator
        $first = Get-ModeScimConnection
        Connect-TestEmulator -Emulator $script:Emulator

        $first.IsOpen | Should -BeFalse
        (Get-ModeScimConnection).IsOpen | Should -BeTrue
    }

    It 'keeps a connection taken with -PassThru open for -Connection after another connect' {
        $kept = Connect-TestEmulator -Emulator $script:Emulator -PassThru
        Connect-TestEmulator -Emulator $script:Emulator

        $kept.IsOpen | Should -BeTrue
        @(Get-ModeUser -Connection $kept).Count | Should -Be 5
        Disconnect-ModeScim -Connection $kept
    }

    It 'never shows the token in the connection object' {
        $connection = Connect-TestEmulator -Emulator $script:Emulator -PassThru
        $text = ($connection | Format-List * | Out-String) + ($connection | ConvertTo-Json -Depth 3) + $connection.ToString()

        $text | Should -Not -BeLike "*$($script:Emulator.Token)*"
    }
}
