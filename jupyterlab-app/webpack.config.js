// Builds build/bundle.js (the front end, from index.js), build/schemas/ (every plugin's settings
// schema, read by jupyterlab_server) and build/themes/ (the theme CSS), with the loaders of
// @jupyterlab/builder's base config. NNBOOK_LAB_DEV=1 makes a faster, larger development build.
const path = require('path');
const webpack = require('webpack');
const { merge } = require('webpack-merge');
const { Build } = require('@jupyterlab/builder');
const baseConfig = require('@jupyterlab/builder/lib/webpack.config.base');
const pkg = require('./package.json');

const buildDir = path.resolve(__dirname, 'build');
const development = process.env.NNBOOK_LAB_DEV === '1';

// Every dependency that is a JupyterLab extension contributes styles, schemas or a theme.
const extensionPackages = Object.keys(pkg.dependencies).filter((name) => require(`${name}/package.json`).jupyterlab !== undefined);
const themeConfigs = Build.ensureAssets({ packageNames: extensionPackages, output: buildDir });

module.exports = [
  merge(baseConfig, {
    mode: development ? 'development' : 'production',
    devtool: development ? 'eval-cheap-source-map' : false,
    entry: path.resolve(__dirname, 'index.js'),
    output: { path: buildDir, filename: 'bundle.js', chunkFilename: '[name].[contenthash].js' },
    performance: { hints: false },
    plugins: [new webpack.DefinePlugin({ 'process.env': '{}' })],
  }),
  ...themeConfigs,
];
