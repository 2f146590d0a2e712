# Sourced by the benchmarks built in bench/inprocess (after `cd` to the project root): links the project as its
# dependency, and copies the tutorial's example API in as a target of its own (the API is not a product of the
# project: adopters have no use for it).
mkdir -p bench/inprocess/.deps
ln -sfn ../../.. bench/inprocess/.deps/passwordless-site
rm -rf bench/inprocess/Sources/ExampleAPI
mkdir -p bench/inprocess/Sources/ExampleAPI
cp content/_api/ExampleAPI/*.swift bench/inprocess/Sources/ExampleAPI/
