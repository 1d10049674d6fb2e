// Generation: a blog post from a brief, with a slug pattern, section counts
// and lengths the model must respect.
#include <iostream>

#include "acme/blog_post.instructor.h"
#include "common/connect.h"

int main() {
  auto [client, offline] = examples::connect("blog_post");
  auto post = client.create<acme::BlogPost>({
      .messages = {instructor::user("Write a short blog post for C++ developers about validating LLM output "
                                    "with protobuf schemas. Two sections.")},
      .max_retries = 2});
  if (!post) {
    std::cerr << post.error().to_text();
    return 1;
  }
  std::cout << "# " << post->title() << "\n/" << post->slug() << "\n" << post->summary() << "\n";
  for (const acme::Section& section : post->sections()) {
    std::cout << "## " << section.heading() << "\n" << section.body() << "\n";
  }
  std::cout << "tags:";
  for (const std::string& tag : post->tags()) std::cout << " " << tag;
  std::cout << "\n";
}
