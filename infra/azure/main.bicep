// AgentFlows on Azure: the host on Container Apps, its durable store on Azure Database for PostgreSQL flexible server,
// Azure OpenAI for the LLM planner and tools, Key Vault for the secrets, one user-assigned managed identity that reads
// the secrets and calls Azure OpenAI (no LLM key anywhere).
//
//   az deployment group create -g <group> -f infra/azure/main.bicep \
//     -p image=<registry>/agentflows:<tag> postgresAdminPassword=<secret> adminApiKey=<secret>
//
// Not deployed or compiled here (no Azure subscription and no Bicep CLI on the development machines); see README
// "Deploying". It assumes the host's PostgreSQL store (storageProvider.type=postgres) is part of the image.

targetScope = 'resourceGroup'

@description('Prefix of every resource name.')
@minLength(3)
@maxLength(12)
param name string = 'agentflows'

@description('Region of every resource.')
param location string = resourceGroup().location

@description('The host image, e.g. myregistry.azurecr.io/agentflows:1.0 (built from infra/docker/Dockerfile).')
param image string

@description('Registry server of the image, when it needs credentials the identity has (AcrPull); empty for a public image.')
param registryServer string = ''

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'agentflows'

@description('PostgreSQL administrator password (goes into Key Vault, as part of the connection string).')
@secure()
param postgresAdminPassword string

@description('The first API key (role admin): sent as x-api-key. More keys: add AgentFlows__Auth__Keys__N__* the same way.')
@secure()
@minLength(16)
param adminApiKey string

@description('The tenant of the first API key.')
param adminTenant string = 'default'

@description('Azure OpenAI model, also used as the deployment name.')
param openAiModel string = 'gpt-4o-mini'

@description('Azure OpenAI model version.')
param openAiModelVersion string = '2024-07-18'

@description('Azure OpenAI deployment capacity (thousands of tokens per minute).')
param openAiCapacity int = 10

@description('Requests per minute per API key.')
param permitsPerMinute int = 600

@minValue(1)
param minReplicas int = 1

@minValue(1)
param maxReplicas int = 3

var suffix = uniqueString(resourceGroup().id)
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var cognitiveServicesOpenAiUser = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${name}kv${suffix}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: '${name}-pg-${suffix}'
  location: location
  sku: {
    name: 'Standard_B2s'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: 'agentflows'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 to 0.0.0.0 admits Azure services only (the Container Apps environment); use VNet integration for stricter setups.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource openAi 'Microsoft.CognitiveServices/accounts@2023-05-01' = {
  name: '${name}-oai-${suffix}'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: '${name}-oai-${suffix}'
    publicNetworkAccess: 'Enabled'
    disableLocalAuth: true
  }
}

resource openAiDeployment 'Microsoft.CognitiveServices/accounts/deployments@2023-05-01' = {
  parent: openAi
  name: openAiModel
  sku: {
    name: 'Standard'
    capacity: openAiCapacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: openAiModel
      version: openAiModelVersion
    }
  }
}

resource openAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(openAi.id, identity.id, cognitiveServicesOpenAiUser)
  scope: openAi
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cognitiveServicesOpenAiUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'agentflows-storage'
  properties: {
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Database=${database.name};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=Require'
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'agentflows-admin-key'
  properties: {
    value: adminApiKey
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  // The revision reads its Key Vault secrets when it is created: the role must be in place first.
  dependsOn: [
    vaultSecretsUser
    openAiUser
  ]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: empty(registryServer) ? [] : [
        {
          server: registryServer
          identity: identity.id
        }
      ]
      secrets: [
        {
          name: 'storage'
          keyVaultUrl: storageSecret.properties.secretUri
          identity: identity.id
        }
        {
          name: 'admin-key'
          keyVaultUrl: adminKeySecret.properties.secretUri
          identity: identity.id
        }
      ]
    }
    template: {
      // SIGTERM, then the host's grace period (20 s) for in-flight activities, then it gives the rest back.
      terminationGracePeriodSeconds: 45
      containers: [
        {
          name: 'agentflows'
          image: image
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          env: [
            {
              name: 'AzureFunctionsJobHost__extensions__durableTask__storageProvider__type'
              value: 'postgres'
            }
            {
              name: 'AgentFlowsStorage'
              secretRef: 'storage'
            }
            {
              name: 'AgentFlows__Auth__Keys__0__Key'
              secretRef: 'admin-key'
            }
            {
              name: 'AgentFlows__Auth__Keys__0__Tenant'
              value: adminTenant
            }
            {
              name: 'AgentFlows__Auth__Keys__0__Role'
              value: 'admin'
            }
            {
              name: 'AgentFlows__RateLimit__PermitsPerMinute'
              value: string(permitsPerMinute)
            }
            {
              name: 'AgentFlows__Llm__Provider'
              value: 'azure-openai'
            }
            {
              name: 'AgentFlows__Llm__Endpoint'
              value: '${openAi.properties.endpoint}openai/v1/'
            }
            {
              name: 'AgentFlows__Llm__Model'
              value: openAiDeployment.name
            }
            {
              name: 'AgentFlows__Llm__UseEntraId'
              value: 'true'
            }
            {
              // DefaultAzureCredential picks the user-assigned identity by its client id.
              name: 'AZURE_CLIENT_ID'
              value: identity.properties.clientId
            }
            {
              name: 'AgentFlows__Shutdown__GracePeriodSeconds'
              value: '20'
            }
          ]
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              periodSeconds: 30
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              periodSeconds: 10
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
    }
  }
}

@description('The service URL.')
output url string = 'https://${app.properties.configuration.ingress.fqdn}'

@description('The Key Vault holding the secrets.')
output keyVaultName string = vault.name

@description('The client id of the managed identity (grant it AcrPull on a private registry).')
output identityClientId string = identity.properties.clientId
